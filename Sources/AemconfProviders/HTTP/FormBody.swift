/// An `application/x-www-form-urlencoded` body whose fields keep their order and may repeat.
public struct FormBody: Sendable, Equatable {
    /// The fields in the order they are sent.
    public var fields: [Field]

    /// One `name=value` pair.
    public struct Field: Sendable, Equatable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String

        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a body from fields.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Appends a field.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name, value))
    }

    /// The content type to send with ``encoded``.
    public static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// The encoded body bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "&")) }
            Self.percentEncode(field.name, into: &bytes)
            bytes.append(UInt8(ascii: "="))
            Self.percentEncode(field.value, into: &bytes)
        }
        return bytes
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        percentEncode(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends `text` percent-encoded (all but RFC 3986 unreserved characters) to `bytes`.
    ///
    /// Runs of unreserved bytes are copied at once. No capacity is reserved here: `reserveCapacity` grows an array
    /// to exactly the size asked for, so reserving per field once the body had outgrown its first estimate copied
    /// the whole body again for every field.
    static func percentEncode(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for (index, byte) in utf8.enumerated() where !isUnreserved(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
    }

    /// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
