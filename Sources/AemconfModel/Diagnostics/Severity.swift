/// How serious a diagnostic is: errors make a config unusable, warnings do not.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The config cannot be used until this is fixed.
    case error
    /// The config works, but something deserves attention (a deprecated option, an ignored key).
    case warning
}
