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
        // The five groups 8-4-4-4-12, as nibble ranges of the two words, most significant first.
        let groups: [(word: UInt64, nibbles: ClosedRange<Int>)] = [
            (high, 8...15), (high, 4...7), (high, 0...3), (low, 12...15), (low, 0...11),
        ]
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            for (number, group) in groups.enumerated() {
                if number > 0 {
                    buffer[index] = UInt8(ascii: "-")
                    index += 1
                }
                for nibble in group.nibbles.reversed() {
                    buffer[index] = digits[Int((group.word >> (UInt64(nibble) * 4)) & 0xF)]
                    index += 1
                }
            }
            return index
        }
    }
}
