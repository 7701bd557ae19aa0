import AemconfModel
import Foundation

/// Resource attributes as canonical JSON text (sorted keys), kept undecoded until asked.
///
/// Stores load thousands of rows; keeping attributes as text (as Terraform keeps `AttrsJSON`) makes a
/// full load cheap, and canonical text makes equality a byte comparison.
public struct JSONDocument: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The canonical JSON text.
    public let text: String

    /// An empty object, `{}`.
    public static let emptyObject = JSONDocument(canonicalText: "{}")

    /// Encodes `value` canonically (sorted keys, no escaped slashes).
    public init<Value: Encodable>(encoding value: Value) throws {
        let data = try Self.encoder.encode(value)
        self.text = String(decoding: data, as: UTF8.self)
    }

    /// Writes `value` canonically with ``CanonicalJSONWriter``: the same text as ``init(encoding:)``, faster.
    public init(writing value: some CanonicalJSONWritable) {
        var writer = CanonicalJSONWriter()
        value.write(to: &writer)
        self.text = writer.text
    }

    /// Parses `jsonText` and stores it canonically; throws `StateError` if it is not JSON.
    public init(jsonText: String) throws {
        do {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(jsonText.utf8))
            try self.init(encoding: value)
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError(.corruptRow, "attributes are not valid JSON")
        }
    }

    /// Wraps text that a store wrote itself with ``init(encoding:)``; no re-encoding.
    public init(canonicalText: String) {
        self.text = canonicalText
    }

    /// The decoded value.
    public func value() throws -> JSONValue {
        try decode(JSONValue.self)
    }

    /// Decodes the attributes into `type`.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// The JSON text.
    public var description: String { text }

    /// Decodes from a nested JSON value (the pull file embeds attributes as JSON, not as a string).
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        try self.init(encoding: value)
    }

    /// Encodes as a nested JSON value.
    public func encode(to encoder: any Encoder) throws {
        try value().encode(to: encoder)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
