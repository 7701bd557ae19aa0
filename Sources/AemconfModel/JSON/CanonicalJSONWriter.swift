import Foundation

/// Writes canonical JSON text (object keys sorted, `/` not escaped) byte for byte as `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` does, without going through `Encoder` containers: state writes a row's
/// attributes, outputs and ids on every commit, and `JSONEncoder` was most of what a commit cost.
///
/// Numbers are rare in attributes; each is written by `JSONEncoder` itself, so their text is exactly its.
public struct CanonicalJSONWriter {
    /// The text written so far, UTF-8.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `value`.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let number): writeNumber(number)
        case .string(let text): write(text)
        case .array(let items): writeArray(items) { $0.write($1) }
        case .object(let members): writeObject(members) { $0.write($1) }
        }
    }

    /// Writes `text` as a JSON string.
    public mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most texts (names, ids, paths) need no escape: their bytes are copied at once.
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { writeEscaping(text) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes the characters of `text` with JSON's escapes.
    private mutating func writeEscaping(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x00..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
    }

    /// Writes an array, each element with `element`.
    public mutating func writeArray<Element>(
        _ elements: [Element], _ element: (inout CanonicalJSONWriter, Element) -> Void
    ) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an object with its keys sorted as `JSONEncoder`'s `.sortedKeys` sorts them, each value with `value`.
    public mutating func writeObject<Value>(
        _ members: [String: Value], _ value: (inout CanonicalJSONWriter, Value) -> Void
    ) {
        bytes.append(UInt8(ascii: "{"))
        // The keys are sorted as a `[String]`: `sorted` on the dictionary's keys ran unspecialised for `Value`.
        var keys: [String] = []
        keys.reserveCapacity(members.count)
        for key in members.keys { keys.append(key) }
        keys.sort(by: Self.keyOrder)
        for (index, key) in keys.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(key)
            bytes.append(UInt8(ascii: ":"))
            if let member = members[key] { value(&self, member) }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `{"<key>":<value>}` for an object known to have one member.
    public mutating func writeSingleMember(_ key: String, _ value: (inout CanonicalJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        write(key)
        bytes.append(UInt8(ascii: ":"))
        value(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `"key":` for the next member of an object, after a comma unless it is the `first`.
    public mutating func writeKey(_ key: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        write(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes the member `"key":"text"` (see ``writeKey(_:first:)``); nothing when `text` is `nil`, as `Encodable`
    /// leaves out an absent optional.
    public mutating func writeMember(_ key: String, _ text: String?, first: Bool = false) {
        guard let text else { return }
        writeKey(key, first: first)
        write(text)
    }

    /// Appends already canonical JSON text.
    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// `JSONEncoder`'s `.sortedKeys` order: the keys' UTF-8 bytes, compared as unsigned bytes.
    static func keyOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    private mutating func writeNumber(_ number: Double) {
        let encoded = (try? Self.numberEncoder.encode(number)).map { Array($0) } ?? Array("null".utf8)
        bytes.append(contentsOf: encoded)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let numberEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A value that writes its own canonical JSON (see ``CanonicalJSONWriter``), the same text its `Encodable`
/// conformance gives through `JSONEncoder` with sorted keys.
public protocol CanonicalJSONWritable {
    /// Writes the value.
    func write(to writer: inout CanonicalJSONWriter)
}

extension JSONValue: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) { writer.write(self) }
}
