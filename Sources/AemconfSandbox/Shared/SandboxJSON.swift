import Foundation

/// A JSON value that keeps the distinction the emulated services care about: integer versus
/// fractional number, boolean versus number, and object key sets.
///
/// Used for JWT claims (IMS rejects a non-integer `exp`) and for Target's free-form rule objects.
public enum SandboxJSON: Codable, Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SandboxJSON])
    /// An object.
    case object([String: SandboxJSON])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SandboxJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SandboxJSON].self))
        }
    }

    /// Encodes the value as it was decoded.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses `data` as one JSON value, or returns `nil` when it is not JSON.
    public static func parse(_ data: some DataProtocol) -> SandboxJSON? {
        let data = Data(data)
        if let plain = data.withUnsafeBytes({ readPlain($0.bindMemory(to: UInt8.self)) }) { return plain }
        return try? JSONDecoder().decode(SandboxJSON.self, from: data)
    }

    /// The members when this is an object.
    public var objectValue: [String: SandboxJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The string when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer when this is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The elements when this is an array.
    public var arrayValue: [SandboxJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
