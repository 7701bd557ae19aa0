import Foundation

/// Text tests on the hot paths, answering exactly as Foundation's `String.contains(_:)` but without its
/// `range(of:)` search when both texts are ASCII (no ASCII character has another canonically equivalent form, so
/// comparing bytes answers the same).
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
}
