import Foundation
import Testing

@testable import AemconfSandbox

/// Random identifiers: the requested length, only the alphabet's characters, and every character about equally
/// often (a wrong mask or shift shows as missing or over-represented characters).
@Suite struct SandboxRandomTests {
    @Test(arguments: [SandboxRandom.hexDigits, SandboxRandom.secretCharacters])
    func charactersAreFromTheAlphabetAndEvenlySpread(alphabet: [Character]) {
        var counts: [Character: Int] = [:]
        let draws = 1_000
        let length = 64
        for _ in 0..<draws {
            let text = SandboxRandom.string(length, alphabet: alphabet)
            #expect(text.count == length)
            for character in text { counts[character, default: 0] += 1 }
        }
        #expect(Set(counts.keys).isSubset(of: Set(alphabet)))
        let expected = Double(draws * length) / Double(alphabet.count)
        for character in alphabet {
            // 64,000 draws: a fair character lands within ±15 % of its share with overwhelming probability.
            let count = Double(counts[character] ?? 0)
            #expect(abs(count - expected) < 0.15 * expected, "'\(character)' drawn \(Int(count)) times")
        }
    }

    @Test func twoDrawsDiffer() {
        #expect(
            SandboxRandom.string(32, alphabet: SandboxRandom.hexDigits)
                != SandboxRandom.string(32, alphabet: SandboxRandom.hexDigits))
    }
}

/// The sandbox's UUIDs come from ``SandboxRandom/uuid()`` instead of Foundation's `UUID()`; they keep its text.
@Suite struct SandboxRandomUUIDTests {
    @Test func writesTheBitsAsFoundationWritesTheUUID() {
        let words: [(UInt64, UInt64)] = [
            (0, 0), (.max, .max), (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210),
            (0x1B4E_28BA_2FA1_11D2, 0x883F_0016_D3CC_A427),
        ]
        for (high, low) in words {
            let text = SandboxRandom.uuid(high: high, low: low)
            guard let uuid = UUID(uuidString: text) else {
                Issue.record("'\(text)' is not a UUID")
                continue
            }
            #expect(uuid.uuidString.lowercased() == text)
            // The same 128 bits, but for the six version and variant bits.
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            let readHigh = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let readLow = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(readHigh & ~0xF000 == high & ~0xF000)
            #expect(readHigh & 0xF000 == 0x4000)
            #expect(readLow & ~(0xC000 << 48) == low & ~(0xC000 << 48))
            #expect(readLow >> 62 == 0b10)
        }
    }

    @Test func isARandomVersionFourUUID() {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let text = SandboxRandom.uuid()
            #expect(UUID(uuidString: text)?.uuidString.lowercased() == text)
            let characters = Array(text)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            seen.insert(text)
        }
        #expect(seen.count == 200)
    }
}
