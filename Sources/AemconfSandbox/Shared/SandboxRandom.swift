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

    /// Lowercase hexadecimal digits.
    static let hexDigits = Array("0123456789abcdef")
    /// The 64 characters of console client secrets (base64url's alphabet).
    static let secretCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
}
