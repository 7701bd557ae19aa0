import Foundation

extension SandboxJSON {
    /// Reads the plain JSON documents the emulated services receive without `JSONDecoder`: an object or array of
    /// objects, arrays, strings (without `\u` escapes), integers that fit in 64 bits, booleans and `null`, with
    /// distinct keys. Whatever else the text holds (a fraction, a `\u` escape, a top-level scalar, a repeated key,
    /// anything that is not JSON) answers `nil`, and the caller leaves the document to `JSONDecoder`; so every value
    /// read here is the one `JSONDecoder` reads.
    static func readPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> SandboxJSON? {
        guard String(validating: bytes, as: UTF8.self) != nil else { return Optional.none }
        var reader = PlainReader(bytes: bytes)
        reader.skipWhitespace()
        guard let first = reader.peek, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let value = reader.value(depth: 0)
        else { return Optional.none }
        reader.skipWhitespace()
        // Spelled out: `SandboxJSON` is itself `ExpressibleByNilLiteral`, so a `nil` beside it in a conditional
        // expression would be read as JSON `null`.
        guard reader.index == bytes.count else { return Optional.none }
        return value
    }
}

/// The cursor of ``SandboxJSON/readPlain(_:)``.
private struct PlainReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = peek,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            index += 1
        }
    }

    /// `value` when the text continues with `word`.
    mutating func literal(_ word: String, _ value: SandboxJSON) -> SandboxJSON? {
        for byte in word.utf8 {
            guard peek == byte else { return Optional.none }
            index += 1
        }
        return value
    }

    mutating func value(depth: Int) -> SandboxJSON? {
        guard depth < 64, let byte = peek else { return Optional.none }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(SandboxJSON.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return integer().map(SandboxJSON.integer)
        }
    }

    mutating func object(depth: Int) -> SandboxJSON? {
        index += 1
        var members: [String: SandboxJSON] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\""), let key = string() else { return Optional.none }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return Optional.none }
            index += 1
            skipWhitespace()
            guard let member = value(depth: depth + 1), members.updateValue(member, forKey: key) == nil else {
                return Optional.none
            }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: return Optional.none
            }
        }
    }

    mutating func array(depth: Int) -> SandboxJSON? {
        index += 1
        var items: [SandboxJSON] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            guard let item = value(depth: depth + 1) else { return Optional.none }
            items.append(item)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default: return Optional.none
            }
        }
    }

    /// A string starting at the opening quote; escapes other than `\u` are decoded.
    mutating func string() -> String? {
        index += 1
        var text: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case 0x00..<0x20: return Optional.none
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return Optional.none }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                default: return Optional.none
                }
            default: text.append(byte)
            }
        }
        return Optional.none
    }

    /// An integer without fraction, exponent or leading zero, other than `-0`, that fits in 64 bits.
    mutating func integer() -> Int64? {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return Optional.none }
        if let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            return Optional.none
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard text != "-0" else { return Optional.none }
        return Int64(text)
    }
}
