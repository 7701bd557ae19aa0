import Foundation

/// Percent-encoding of URL paths, answering exactly as Foundation's `removingPercentEncoding` and
/// `addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)` but over bytes when the text is ASCII:
/// Foundation goes through `CFString` for every call, about 2 % of the sandbox's CPU in an apply (configMgr's
/// temporary PID in the request path, and the PID in its redirect).
enum SandboxPercentEncoding {
    /// `text.removingPercentEncoding`: `nil` when a `%` is not followed by two hexadecimal digits; text that
    /// is not ASCII or escapes a byte beyond ASCII is left to Foundation.
    static func removing(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.removingPercentEncoding }
        guard utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            // An escaped byte beyond ASCII: Foundation's own rules for bytes that are not UTF-8 decide.
            guard high < 8 else { return text.removingPercentEncoding }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)`: text made only of characters a path
    /// allows is returned as it is; any other goes to Foundation.
    static func addingPathEncoding(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 && pathAllowed[Int($0)] }) else {
            return text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
        }
        return text
    }

    /// The ASCII characters of `CharacterSet.urlPathAllowed`, by code.
    private static let pathAllowed: [Bool] = (0..<128).map { code in
        let byte = UInt8(code)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!$&'()*+,-./=@_~".utf8).contains(byte)  // not `:`, which Foundation encodes here
        }
    }

    /// The value of one hex digit (either case), or `nil` for any other byte.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
