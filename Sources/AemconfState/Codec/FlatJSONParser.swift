/// A byte-level parser for the flat JSON shapes our own encoder writes in the resource columns: an object of
/// strings, an array of strings, and an object of `{"fingerprint": "…"}` secrets.
///
/// It is exact for what it accepts and returns `nil` for anything else (whitespace, escapes, control
/// characters, duplicate keys, other shapes), so callers fall back to `JSONDecoder`, which stays the judge of
/// every text this parser does not take.
struct FlatJSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses `{"key":"value",…}`.
    static func stringObject(_ text: String) -> [String: String]? {
        parse(text) { parser in parser.object { parser in parser.string() } }
    }

    /// Parses `["value",…]`.
    static func stringArray(_ text: String) -> [String]? {
        parse(text) { parser in parser.array() }
    }

    /// Parses `{"name":{"fingerprint":"…"},…}`; a sealed value (or any other shape) returns `nil`.
    static func fingerprintObject(_ text: String) -> [String: StoredSecret]? {
        parse(text) { parser in
            parser.object { parser -> StoredSecret? in
                guard parser.take(Self.fingerprintPrefix), let value = parser.string(), parser.take(UInt8(ascii: "}"))
                else { return nil }
                return .fingerprint(SecretFingerprint(value: value))
            }
        }
    }

    private static func parse<Value>(_ text: String, _ body: (inout FlatJSONParser) -> Value?) -> Value? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = FlatJSONParser(bytes)
            guard let value = body(&parser), parser.index == bytes.count else { return nil }
            return value
        }
    }

    private static let fingerprintPrefix = Array(#"{"fingerprint":"#.utf8)

    private mutating func take(_ literal: [UInt8]) -> Bool {
        guard bytes.count - index >= literal.count else { return false }
        for (offset, byte) in literal.enumerated() where bytes[index + offset] != byte { return false }
        index += literal.count
        return true
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A string without escapes or control characters.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return value
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private func commas(from start: Int) -> Int {
        var count = 0
        for position in start..<bytes.count where bytes[position] == UInt8(ascii: ",") { count += 1 }
        return count
    }

    private mutating func array() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        if take(UInt8(ascii: "]")) { return [] }
        var values: [String] = []
        values.reserveCapacity(commas(from: index) + 1)
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? values : nil
    }

    private mutating func object<Value>(_ member: (inout FlatJSONParser) -> Value?) -> [String: Value]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        if take(UInt8(ascii: "}")) { return [:] }
        // Commas bound the member count from above (a comma inside a string only overestimates it: a little
        // memory, never a wrong result), which spares the dictionary its regrowths.
        var values: [String: Value] = Dictionary(minimumCapacity: commas(from: index) + 1)
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = member(&self) else { return nil }
            guard values.updateValue(value, forKey: key) == nil else { return nil }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? values : nil
    }
}
