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
