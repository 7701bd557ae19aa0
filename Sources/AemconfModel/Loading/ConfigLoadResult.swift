/// What loading a config produced: the config when it has no errors, and every diagnostic.
public struct ConfigLoadResult: Sendable {
    /// The config; `nil` when any diagnostic is an error.
    public var config: Config?
    /// Every problem, sorted by file (load order), line and column.
    public var diagnostics: [Diagnostic]
    /// Spans of text that may hold a secret; a printer that quotes source lines must mask them.
    public var sensitiveRanges: [SourceRange]
    /// The files read, in load order.
    public var files: [String]

    /// Creates a result.
    public init(config: Config?, diagnostics: [Diagnostic], sensitiveRanges: [SourceRange] = [], files: [String] = []) {
        self.config = config
        self.diagnostics = diagnostics
        self.sensitiveRanges = sensitiveRanges
        self.files = files
    }

    /// `true` when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }

    /// The number of errors.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }

    /// The number of warnings.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
