/// Lowercase hexadecimal text of bytes, two digits a byte, through a table: `String(format: "%02x")` per byte
/// was a visible share of the sandbox's CPU (every POST's request-log digest).
enum SandboxHex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lowercase hexadecimal, e.g. `[0x0a, 0xff]` → `0aff`.
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
