/// An identifier the Developer Console sends as a JSON string in some answers and as a number in others
/// (adobe-io-console.md: org, project, workspace, credential and binding ids); always held as text.
///
/// `@ConsoleID public var id: String` lets a model keep Swift's synthesized decoding instead of a hand-written
/// `init(from:)` per model.
@propertyWrapper
public struct ConsoleID: Sendable, Hashable, Codable {
    /// The id as text.
    public var wrappedValue: String

    /// Wraps an id.
    public init(wrappedValue: String) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes a string, or an integer as its decimal text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            wrappedValue = String(number)
        } else {
            wrappedValue = try container.decode(String.self)
        }
    }

    /// Encodes the text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

/// A ``ConsoleID`` that may be missing or `null`.
@propertyWrapper
public struct OptionalConsoleID: Sendable, Hashable, Codable {
    /// The id as text, when present.
    public var wrappedValue: String?

    /// Wraps an optional id.
    public init(wrappedValue: String?) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes `null`, a string, or an integer as its decimal text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try ConsoleID(from: decoder).wrappedValue
    }

    /// Encodes the text, or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing key is a missing id (synthesized decoding would otherwise require the key).
    public func decode(_ type: OptionalConsoleID.Type, forKey key: Key) throws -> OptionalConsoleID {
        try decodeIfPresent(type, forKey: key) ?? OptionalConsoleID(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// A missing id is left out rather than written as `null`.
    public mutating func encode(_ value: OptionalConsoleID, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
