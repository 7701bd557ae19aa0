/// Lowercase hexadecimal text of bytes (digests, fingerprints, key ids), by table lookup.
///
/// `String(format: "%02x", byte)` per byte goes through Foundation's format parser for every byte; digests are
/// encoded on every state commit, so this one is a loop over a 16-entry table.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The bytes as lowercase hex, two characters per byte.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
