/// One config problem: where it is, how serious, a stable code and a message for people.
///
/// Messages are produced only by the factory methods in `Diagnostic+Messages.swift`; they are lower-case,
/// quote user values in single quotes, and never contain a secret.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How serious the problem is.
    public var severity: Severity
    /// The stable kind of problem.
    public var code: DiagnosticCode
    /// The human-readable message (no location, no severity prefix).
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation

    /// Creates a diagnostic.
    public init(severity: Severity, code: DiagnosticCode, message: String, location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `true` for errors.
    public var isError: Bool { severity == .error }
}
