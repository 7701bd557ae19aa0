/// A keyed fingerprint of a secret value (HMAC-SHA256), used only to notice that a value changed.
///
/// It prints as `(sensitive)` like every secret-related value, so it is never mistaken for data to show.
public struct SecretFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `hmac-sha256:` followed by 64 hex digits.
    public let value: String

    /// Wraps a stored fingerprint.
    public init(value: String) {
        self.value = value
    }

    /// `(sensitive)`.
    public var description: String { "(sensitive)" }

    /// Decodes from a string.
    public init(from decoder: any Decoder) throws {
        self.value = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
