import AemconfModel

/// Percent-decoding of ASCII text (a `Location` header, a path) without Foundation.
///
/// Foundation's `removingPercentEncoding` and `range(of:)` went through its string bridging for each configuration
/// created (about 1 % of an apply's CPU). `PercentDecodingTests` compares this with them.
enum PercentDecoding {
    /// `text` with every `%XX` replaced by its byte; `nil` when a `%` is not followed by two hex digits or the bytes
    /// are not UTF-8 (as `removingPercentEncoding`).
    static func decoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Hex.value(ofDigit:)),
                let low = iterator.next().flatMap(Hex.value(ofDigit:))
            else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// What follows the first `marker` in `text`, found byte by byte; `nil` when it does not occur. For ASCII text
    /// this is what Foundation's `range(of:)` finds.
    static func suffix(of text: String, after marker: String) -> Substring? {
        let haystack = Array(text.utf8)
        let needle = Array(marker.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return text[text.utf8.index(text.utf8.startIndex, offsetBy: start + needle.count)...]
        }
        return nil
    }
}
