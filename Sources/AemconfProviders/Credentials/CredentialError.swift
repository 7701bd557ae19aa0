/// A failure creating or reading keys, certificates or JWTs. Equal by code.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable kind of failure.
    public let code: Code
    /// What went wrong, lower-case, never containing key material.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// Equal by code only.
    public static func == (lhs: CredentialError, rhs: CredentialError) -> Bool { lhs.code == rhs.code }

    /// The message shown after `error:`.
    public var description: String { reason }

    /// Stable failure kinds.
    public enum Code: String, Sendable {
        /// A key could not be read or generated.
        case invalidKey = "credential.invalid-key"
        /// A certificate could not be built, encoded or read.
        case invalidCertificate = "credential.invalid-certificate"
        /// A JWT could not be signed.
        case signing = "credential.signing"
        /// An input value is out of range (e.g. validity days).
        case invalidInput = "credential.invalid-input"
    }
}
