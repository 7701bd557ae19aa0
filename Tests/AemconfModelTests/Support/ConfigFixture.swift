import AemconfModel
import AemconfTestSupport
import AemconfYAML

/// Decodes YAML fixtures in memory (no files), the way `ConfigLoader` does for files.
enum ConfigFixture {
    /// A valid `aem` + `adobe` file that fixtures about resources are merged with.
    static let connections = """
        version: 1
        aem: {url: "https://author.example.com:4502", username: admin, password: "${env:AEM_PASSWORD}"}
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console: {token: "${env:ADOBE_CONSOLE_TOKEN}", project: aem-target}
        """

    /// The file name fixtures are decoded as.
    static let file = "fixture.yaml"

    /// How a fixture's YAML reaches the decoder.
    enum Reading {
        /// `ConfigDecoder.add(yaml:file:)`, as `ConfigLoader` reads files: entries decoded while parsing.
        case streaming
        /// The whole tree parsed first, then `ConfigDecoder.add(_:file:)`.
        case wholeTree
    }

    /// Decodes `files` (name, text) in order, like a directory load; YAML errors become diagnostics.
    static func decode(
        _ files: [(name: String, text: String)],
        fileExists: @escaping @Sendable (String) -> Bool = { _ in true },
        reading: Reading = .streaming
    ) -> ConfigLoadResult {
        var decoder = ConfigDecoder(fileExists: fileExists)
        for (name, text) in files {
            switch reading {
            case .streaming:
                decoder.add(yaml: Array(text.utf8), file: name)
            case .wholeTree:
                do {
                    decoder.add(try YAMLParser.parseSingleDocument(text, file: name), file: name)
                } catch let error as YAMLError {
                    decoder.add(Diagnostic(error), file: name)
                } catch {
                    decoder.add(
                        Diagnostic(
                            severity: .error, code: .yamlSyntax, message: "\(error)",
                            location: SourceLocation(file: name, line: 1, column: 1)),
                        file: name
                    )
                }
            }
        }
        return decoder.finish()
    }

    /// Decodes one fixture text, after the standard connections file unless `withConnections` is false.
    static func decode(
        _ text: String,
        withConnections: Bool = true,
        fileExists: @escaping @Sendable (String) -> Bool = { _ in true }
    ) -> ConfigLoadResult {
        let files = withConnections ? [("connections.yaml", connections), (file, text)] : [(file, text)]
        return decode(files, fileExists: fileExists)
    }
}

extension MarkedText.Location {
    /// The same place as a ``SourceLocation`` in `file`.
    func source(in file: String = ConfigFixture.file) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
