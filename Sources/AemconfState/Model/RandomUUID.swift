/// Random (version 4) UUIDs as lowercase text, in the format of `UUID().uuidString.lowercased()`.
///
/// Drawn from the standard library's system generator (`getrandom`): Foundation's `UUID()` on Linux opens, reads
/// and closes `/dev/urandom` for every UUID, and an apply draws one for each intent it journals (three system
/// calls with a path lookup each time, about 1 % of an apply's CPU).
package enum RandomUUID {
    /// A new random UUID, e.g. `1b4e28ba-2fa1-41d2-883f-0016d3cca427`.
    package static func lowercasedString() -> String {
        var generator = SystemRandomNumberGenerator()
        return lowercasedString(high: generator.next(), low: generator.next())
    }

    /// The UUID made of 128 random bits (`high` first, big-endian), with the version (4) and variant (RFC 4122)
    /// bits set.
    static func lowercasedString(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC000 << 48)) | (0x8000 << 48)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ word: UInt64, nibbles: ClosedRange<Int>) {
                for nibble in nibbles.reversed() {
                    buffer[index] = digits[Int((word >> (UInt64(nibble) * 4)) & 0xF)]
                    index += 1
                }
            }
            put(high, nibbles: 8...15)
            buffer[index] = UInt8(ascii: "-")
            index += 1
            put(high, nibbles: 4...7)
            buffer[index] = UInt8(ascii: "-")
            index += 1
            put(high, nibbles: 0...3)
            buffer[index] = UInt8(ascii: "-")
            index += 1
            put(low, nibbles: 12...15)
            buffer[index] = UInt8(ascii: "-")
            index += 1
            put(low, nibbles: 0...11)
            return index
        }
    }
}
