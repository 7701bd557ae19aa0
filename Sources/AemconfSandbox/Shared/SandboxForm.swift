import Foundation

/// The fields of an HTML form body: `application/x-www-form-urlencoded` or `multipart/form-data`.
///
/// IMS accepts both encodings on `/ims/exchange/jwt` (ims.md §2.2); the console's certificate uploads are
/// multipart (adobe-io-console.md §4.1, §4.4).
public struct SandboxForm: Sendable {
    /// One field; `filename` is set for a file part of a multipart body.
    public struct Field: Sendable {
        /// The field name.
        public var name: String
        /// The raw value.
        public var data: Data
        /// The file name of a multipart file part.
        public var filename: String?

        /// The value as UTF-8 text (`nil` when it is not UTF-8).
        public var text: String? {
            // Foundation's decoding also drops a leading byte-order mark; data without one (every form field
            // in practice) is validated directly, which answers the same and costs far less.
            if data.first == 0xEF { return String(data: data, encoding: .utf8) }
            return String(validating: data, as: UTF8.self)
        }
    }

    /// The fields in body order.
    public var fields: [Field]

    /// Creates a form from its fields.
    public init(fields: [Field]) {
        self.fields = fields
    }

    /// The text of the first field called `name`.
    public func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.text
    }

    /// The first field called `name`.
    public func field(_ name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// Parses a body by its `Content-Type`; `nil` for another media type or a malformed body.
    public static func parse(body: Data, contentType: String?) -> SandboxForm? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { SandboxText.trimmingWhitespace($0) }
        guard let mediaType = parts.first?.lowercased() else { return nil }
        switch mediaType {
        case "application/x-www-form-urlencoded":
            return urlEncoded(String(decoding: body, as: UTF8.self))
        case "multipart/form-data":
            let boundary = parts.dropFirst().first { $0.lowercased().hasPrefix("boundary=") }
                .map {
                    String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            guard let boundary, !boundary.isEmpty else { return nil }
            return multipart(body, boundary: boundary)
        default:
            return nil
        }
    }

    /// Parses `a=1&b=2` text (also a query string), decoding `+` and percent escapes.
    public static func urlEncoded(_ text: String) -> SandboxForm {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return urlEncodedASCII(text.utf8) }
        var fields: [Field] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(pieces[0])
            let value = pieces.count > 1 ? decodeComponent(pieces[1]) : ""
            fields.append(Field(name: name, data: Data(value.utf8)))
        }
        return SandboxForm(fields: fields)
    }

    /// ``urlEncoded(_:)`` of ASCII text, split on its bytes: the same fields (in ASCII no `&` or `=` belongs to a
    /// larger character), without walking the text a `Character` at a time.
    private static func urlEncodedASCII(_ text: some Collection<UInt8>) -> SandboxForm {
        var fields: [Field] = []
        for pair in text.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = decodeASCII(pair[..<(equals ?? pair.endIndex)])
            let value = equals.map { decodeASCII(pair[pair.index(after: $0)...]) } ?? []
            fields.append(Field(name: String(decoding: name, as: UTF8.self), data: Data(value)))
        }
        return SandboxForm(fields: fields)
    }

    /// ``decodeComponent(_:)`` of ASCII bytes, as bytes. Only escapes of bytes beyond ASCII can make the result
    /// other than UTF-8, so only then is it validated (which builds a `String`, for every field of every form).
    private static func decodeASCII(_ text: some Collection<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var beyondASCII = false
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(SandboxPercentEncoding.hexValue),
                    let low = iterator.next().flatMap(SandboxPercentEncoding.hexValue)
                else {
                    return keptAsSent(text)
                }
                beyondASCII = beyondASCII || high >= 8
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return beyondASCII && String(validating: bytes, as: UTF8.self) == nil ? keptAsSent(text) : bytes
    }

    /// Text with a malformed escape or that decodes to bytes other than UTF-8: kept as sent, `+` read as a space.
    private static func keptAsSent(_ text: some Collection<UInt8>) -> [UInt8] {
        text.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
    }

    /// `+` as a space and `%XX` as its byte; text with a malformed escape or bytes that are not UTF-8 is kept as
    /// sent (with `+` still read as a space), as a servlet container does.
    static func decodeComponent(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        var malformed = false
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if let high = iterator.next().flatMap(SandboxPercentEncoding.hexValue),
                    let low = iterator.next().flatMap(SandboxPercentEncoding.hexValue)
                {
                    bytes.append(high << 4 | low)
                } else {
                    malformed = true
                }
            default:
                bytes.append(byte)
            }
            if malformed { break }
        }
        if malformed { return String(text.replacing("+", with: " ")) }
        return String(validating: bytes, as: UTF8.self) ?? String(text.replacing("+", with: " "))
    }

    private static func multipart(_ body: Data, boundary: String) -> SandboxForm? {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: bytes, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var fields: [Field] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // Skip the CRLF after the boundary line.
            if partStart + 1 < bytes.count, bytes[partStart] == 13, bytes[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            if partEnd >= 2, bytes[partEnd - 2] == 13, bytes[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd else { return nil }
            let part = Array(bytes[partStart..<partEnd])
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: part, from: 0) else { return nil }
            let headerText = String(decoding: part[0..<headerEnd], as: UTF8.self)
            let content = Data(part[(headerEnd + 4)...])
            var name: String?
            var filename: String?
            for line in headerText.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            }
            guard let name else { return nil }
            fields.append(Field(name: name, data: content, filename: filename))
        }
        return SandboxForm(fields: fields)
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("\(key)=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
                return index
            }
            index += 1
        }
        return nil
    }
}
