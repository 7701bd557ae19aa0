/// Why a secret reference could not be resolved. Never carries the secret itself.
public struct SecretResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The environment variable is not set (or is empty).
        case environmentVariableUnset = "secret.environment-variable-unset"
        /// The file cannot be read.
        case fileUnreadable = "secret.file-unreadable"
        /// The file is empty.
        case fileEmpty = "secret.file-empty"
    }

    /// What went wrong.
    public var code: Code
    /// The reference that failed (safe to print).
    public var reference: SecretReference

    /// Creates an error.
    public init(code: Code, reference: SecretReference) {
        self.code = code
        self.reference = reference
    }

    /// A lower-case message naming the reference, never the value.
    public var description: String {
        switch (code, reference.source) {
        case (.environmentVariableUnset, .environment(let name)):
            "environment variable '\(name)' is not set"
        case (.fileUnreadable, .file(let path)):
            "secret file '\(path)' cannot be read"
        case (.fileEmpty, .file(let path)):
            "secret file '\(path)' is empty"
        default:
            "secret reference '\(reference)' cannot be resolved"
        }
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: SecretResolutionError, rhs: SecretResolutionError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
