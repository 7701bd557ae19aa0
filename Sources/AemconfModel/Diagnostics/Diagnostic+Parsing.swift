import AemconfYAML

extension Diagnostic {
    /// The diagnostic for a file that does not parse: the positioned YAML error, or (for anything else
    /// thrown while parsing) an error at the file's start.
    init(parsing error: any Error, file: String) {
        if let error = error as? YAMLError {
            self = .yaml(error)
        } else {
            self = .yamlSyntax("cannot parse the file: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
