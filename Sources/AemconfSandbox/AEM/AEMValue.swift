import Foundation

/// A JCR property value of the emulated repository.
public enum AEMValue: Codable, Sendable, Equatable {
    /// `String`.
    case string(String)
    /// `String[]`.
    case strings([String])
    /// `Boolean`.
    case boolean(Bool)
    /// `Boolean[]`.
    case booleans([Bool])
    /// `Long`.
    case long(Int64)
    /// `Long[]`.
    case longs([Int64])
    /// `Double` (also `Decimal`).
    case double(Double)
    /// `Double[]`.
    case doubles([Double])
    /// `Date`, kept as the ISO 8601 text it was given.
    case date(String)
    /// `Binary` (file contents).
    case binary(Data)

    /// The JCR type name (`String`, `Long`, …), with `[]` for multi-value properties.
    public var typeName: String {
        switch self {
        case .string: "String"
        case .strings: "String[]"
        case .boolean: "Boolean"
        case .booleans: "Boolean[]"
        case .long: "Long"
        case .longs: "Long[]"
        case .double: "Double"
        case .doubles: "Double[]"
        case .date: "Date"
        case .binary: "Binary"
        }
    }

    /// The value as a single string (first of a multi-value property), as Sling's `ValueMap` would coerce it.
    public var stringValue: String? {
        switch self {
        case .string(let value), .date(let value): value
        case .strings(let values): values.first
        case .boolean(let value): String(value)
        case .booleans(let values): values.first.map { String($0) }
        case .long(let value): String(value)
        case .longs(let values): values.first.map { String($0) }
        case .double(let value): String(value)
        case .doubles(let values): values.first.map { String($0) }
        case .binary(let data): String(data: data, encoding: .utf8)
        }
    }

    /// The value as strings (every value of a multi-value property).
    public var stringValues: [String] {
        switch self {
        case .strings(let values): values
        case .booleans(let values): values.map { String($0) }
        case .longs(let values): values.map { String($0) }
        case .doubles(let values): values.map { String($0) }
        default: stringValue.map { [$0] } ?? []
        }
    }

    private enum CodingKeys: String, CodingKey { case type, value }

    /// Decodes `{"type": "<JCR type>", "value": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "String": self = .string(try container.decode(String.self, forKey: .value))
        case "String[]": self = .strings(try container.decode([String].self, forKey: .value))
        case "Boolean": self = .boolean(try container.decode(Bool.self, forKey: .value))
        case "Boolean[]": self = .booleans(try container.decode([Bool].self, forKey: .value))
        case "Long": self = .long(try container.decode(Int64.self, forKey: .value))
        case "Long[]": self = .longs(try container.decode([Int64].self, forKey: .value))
        case "Double": self = .double(try container.decode(Double.self, forKey: .value))
        case "Double[]": self = .doubles(try container.decode([Double].self, forKey: .value))
        case "Date": self = .date(try container.decode(String.self, forKey: .value))
        case "Binary": self = .binary(try container.decode(Data.self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "unknown property type '\(type)'"
            )
        }
    }

    /// Encodes `{"type": "<JCR type>", "value": …}` (binaries as base64).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .string(let value), .date(let value): try container.encode(value, forKey: .value)
        case .strings(let values): try container.encode(values, forKey: .value)
        case .boolean(let value): try container.encode(value, forKey: .value)
        case .booleans(let values): try container.encode(values, forKey: .value)
        case .long(let value): try container.encode(value, forKey: .value)
        case .longs(let values): try container.encode(values, forKey: .value)
        case .double(let value): try container.encode(value, forKey: .value)
        case .doubles(let values): try container.encode(values, forKey: .value)
        case .binary(let data): try container.encode(data, forKey: .value)
        }
    }
}
