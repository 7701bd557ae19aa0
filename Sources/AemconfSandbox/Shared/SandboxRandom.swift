/// Random identifiers and secrets for the emulated services, drawn 64 bits at a time: the system generator costs
/// a `getrandom` call per draw, and drawing a character at a time made credential creation the sandbox's largest
/// source of system calls.
enum SandboxRandom {
    /// `count` characters of `alphabet`, whose size must be a power of two (16 or 64), so masking bits is unbiased.
    static func string(_ count: Int, alphabet: [Character]) -> String {
        precondition(alphabet.count.nonzeroBitCount == 1 && alphabet.count <= 256, "alphabet size must be 2^n")
        let bits = alphabet.count.trailingZeroBitCount
        let mask = UInt64(alphabet.count - 1)
        var generator = SystemRandomNumberGenerator()
        var word: UInt64 = 0
        var available = 0
        var result = ""
        result.reserveCapacity(count)
        for _ in 0..<count {
            if available < bits {
                word = generator.next()
                available = 64
            }
            result.append(alphabet[Int(word & mask)])
            word >>= UInt64(bits)
            available -= bits
        }
        return result
    }

    /// A random (version 4) UUID as `UUID().uuidString.lowercased()` writes it, e.g.
    /// `1b4e28ba-2fa1-41d2-883f-0016d3cca427`: Foundation's `UUID()` on Linux opens, reads and closes
    /// `/dev/urandom` for each one (about 3 % of the sandbox's CPU in an apply: tokens, login tokens, factory PIDs).
    static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        return uuid(high: generator.next(), low: generator.next())
    }

    /// The UUID made of 128 bits (`high` first, big-endian) with the version (4) and variant (RFC 4122) bits set.
    static func uuid(high: UInt64, low: UInt64) -> String {
        let words = [(high & ~0xF000) | 0x4000, (low & ~(0xC000 << 48)) | (0x8000 << 48)]
        let bytes = words.flatMap { word in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) }
        }
        var text = Array(SandboxHex.lowercase(bytes).utf8)
        for dash in [8, 13, 18, 23] { text.insert(UInt8(ascii: "-"), at: dash) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Lowercase hexadecimal digits.
    static let hexDigits = Array("0123456789abcdef")
    /// The 64 characters of console client secrets (base64url's alphabet).
    static let secretCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
}
