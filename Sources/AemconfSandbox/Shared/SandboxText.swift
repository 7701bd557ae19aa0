import Foundation

/// Text operations on the hot paths, answering exactly as the Foundation calls they replace but over bytes when the
/// text is ASCII (no ASCII character has another canonically equivalent form or joins a neighbour into one
/// character, except CR LF, which neither operation treats specially); other text takes Foundation's path.
enum SandboxText {
    /// Whether `text` contains `part`.
    static func contains(_ text: some StringProtocol, _ part: String) -> Bool {
        let haystack = text.utf8
        let needle = part.utf8
        guard haystack.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else {
            return text.contains(part)
        }
        guard let first = needle.first else { return text.contains(part) }
        var start = haystack.startIndex
        while let found = haystack[start...].firstIndex(of: first) {
            if haystack[found...].starts(with: needle) { return true }
            start = haystack.index(after: found)
        }
        return false
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (in ASCII the set is space and tab).
    static func trimmingWhitespace(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The index of the last `/` of `path`, as `path.lastIndex(of: "/")` answers.
    static func lastSlash(in path: String) -> String.Index? {
        lastIndex(of: "/", in: path)
    }

    /// The index of the last `character` (ASCII) of `text`, as `text.lastIndex(of: character)` answers.
    static func lastIndex(of character: Unicode.Scalar, in text: String) -> String.Index? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lastIndex(of: Character(character)) }
        return text.utf8.lastIndex(of: UInt8(character.value))
    }
}
