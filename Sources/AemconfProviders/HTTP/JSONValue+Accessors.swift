import AemconfModel
import Foundation

/// Accessors the service clients use to read partly known JSON (AEM content, dialogs).
extension JSONValue {
    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string value (numbers and Booleans rendered as text).
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// The Boolean value (also from `"true"`/`"false"` strings).
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .string(let value): value == "true" ? true : (value == "false" ? false : nil)
        default: nil
        }
    }

    /// The members of an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Every string anywhere inside this value, depth first.
    public var allStrings: [String] {
        switch self {
        case .string(let value): [value]
        case .array(let elements): elements.flatMap(\.allStrings)
        case .object(let members): members.keys.sorted().flatMap { members[$0]?.allStrings ?? [] }
        default: []
        }
    }
}
