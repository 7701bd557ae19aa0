extension JSONValue {
    /// Why a text is not JSON, and where (a byte offset).
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// The byte offset where the text stopped being JSON.
        public let offset: Int
        /// What was wrong there.
        public let reason: String

        /// Creates an error at `offset`.
        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "not JSON at byte \(offset): \(reason)" }
    }

    /// Parses a whole JSON text (RFC 8259: one value, whitespace around it) straight into a value.
    ///
    /// `JSONDecoder` can only decode a `JSONValue` by trying each type in turn (`Bool`, then `Double`, then
    /// `String`, …), and every miss builds a `DecodingError`: decoding configMgr's listing of 2,000 configurations
    /// that way was a third of a 1,000-stack plan's CPU. This reads each value once. It refuses what `JSONDecoder`
    /// refuses (invalid UTF-8, control characters in strings, lone surrogates, leading zeros, text after the value)
    /// and, unlike it, a trailing comma (RFC 8259 has none); a repeated object key keeps its last value.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try parse(bytes, rejectingDuplicateKeys: false)
    }

    /// Parses like ``parse(_:)`` but refuses an object that repeats a key: `JSONDecoder` keeps the first value of a
    /// repeated key where ``parse(_:)`` keeps the last, so a reader that must give `JSONDecoder`'s answer (the
    /// clients' fast decoders) leaves such a text to it.
    public static func parse(_ bytes: some Collection<UInt8>, rejectingDuplicateKeys: Bool) throws -> JSONValue {
        func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
            var parser = JSONTextParser(bytes: buffer, rejectsDuplicateKeys: rejectingDuplicateKeys)
            return try parser.parseText()
        }
        if let value = try bytes.withContiguousStorageIfAvailable(parse) { return value }
        return try Array(bytes).withUnsafeBufferPointer(parse)
    }
}

/// A recursive-descent reader of one JSON text over its UTF-8 bytes.
private struct JSONTextParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    /// Whether an object that repeats a key is refused.
    let rejectsDuplicateKeys: Bool
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, rejectsDuplicateKeys: Bool = false) {
        self.bytes = bytes
        self.rejectsDuplicateKeys = rejectsDuplicateKeys
    }

    mutating func parseText() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure("text after the value") }
        return value
    }

    private func failure(_ reason: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws -> JSONValue {
        guard index < bytes.count else { throw failure("a value was expected, the text ended") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("a value was expected")
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("the text ended inside '\(word)'") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("'\(word)' was expected")
        }
        index += count
        return value
    }

    private mutating func enterContainer() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1  // {
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("a key was expected") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':' was expected") }
            index += 1
            skipWhitespace()
            if object.updateValue(try parseValue(), forKey: key) != nil, rejectsDuplicateKeys {
                throw failure("a repeated key")
            }
            skipWhitespace()
            guard index < bytes.count else { throw failure("the text ended inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(object)
            default: throw failure("',' or '}' was expected")
            }
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1  // [
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("the text ended inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(array)
            default: throw failure("',' or ']' was expected")
            }
        }
    }

    /// A string whose opening quote is at `index`; leaves `index` after the closing quote.
    private mutating func parseString() throws -> String {
        index += 1  // "
        let start = index
        // The common case: no escape, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try validated(UnsafeBufferPointer(rebasing: bytes[start..<index]), at: start)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("a control character inside a string") }
            index += 1
        }
        var unescaped = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try unescaped.withUnsafeBufferPointer { try validated($0, at: start) }
                index += 1
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &unescaped)
            case ..<0x20:
                throw failure("a control character inside a string")
            default:
                unescaped.append(byte)
                index += 1
            }
        }
        throw failure("the text ended inside a string")
    }

    private func validated(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        // ASCII is valid UTF-8, and `String(decoding:as:)` on a buffer is a copy; `String(validating:as:)` is generic
        // over any sequence and was not specialised here (its type metadata looked up for every string).
        if utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw JSONValue.ParseError(offset: offset, reason: "a string that is not UTF-8")
        }
        return text
    }

    /// The escape after a backslash (at `index`), appended as UTF-8.
    private mutating func appendEscape(to output: inout [UInt8]) throws {
        guard index < bytes.count else { throw failure("the text ended inside an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("a high surrogate without its low surrogate") }
                index += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a high surrogate without its low one") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("a low surrogate without its high surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("an escape that is not a character") }
            UTF8.encode(unicode) { output.append($0) }
        default:
            throw failure("an unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func parseHex4() throws -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("the text ended inside a \\u escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(ofDigit: bytes[index]) else {
                throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// A number in JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a digit was expected") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number with a leading zero") }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a digit after '.' was expected") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("an exponent was expected") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONValue.ParseError(offset: start, reason: "a number out of range")
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
}
