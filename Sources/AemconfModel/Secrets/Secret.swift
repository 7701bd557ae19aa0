/// A secret value (client secret, private key, token, password) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation, `dump` and `Codable` all produce
/// `(sensitive)`; the value is reachable only through ``withRevealedValue(_:)`` or ``revealed``,
/// so a reviewer can find every place that touches it with one search.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, Codable
{
    private let storage: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.storage = value
    }

    /// The value itself. Use only where the value goes on the wire or into a sealed store.
    public var revealed: String { storage }

    /// Calls `body` with the value; prefer this in code that must not keep a copy.
    public func withRevealedValue<T>(_ body: (String) throws -> T) rethrows -> T {
        try body(storage)
    }

    /// What every printing path shows.
    public static let redacted = "(sensitive)"

    public var description: String { Self.redacted }
    public var debugDescription: String { Self.redacted }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Decoding a secret from data is not supported: secrets enter through references or stores.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: "secrets are never decoded from serialized data")
        )
    }

    /// Encodes as `(sensitive)`, never the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.redacted)
    }
}
