import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

/// `CanonicalJSONWriter` writes what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes, byte for
/// byte: key order (case, digits, non-ASCII), string escapes (every control character, quotes, backslashes,
/// slashes, non-ASCII), numbers, nesting.
struct CanonicalJSONWriterTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func expected(_ value: JSONValue) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: JSONValue) -> String {
        var writer = CanonicalJSONWriter()
        writer.write(value)
        return writer.text
    }

    @Test func stringsAndKeysAreWrittenAsJSONEncoderWritesThem() throws {
        let control = String((0..<0x20).map { Character(Unicode.Scalar($0)!) })
        let texts = [
            "", "plain", "a/b", "quote \" and \\ backslash", control, "\u{7F}", "é ü ß 漢字 😀", "\u{2028}\u{2029}",
            "https://ims-na1.adobelogin.com/ims/token/v3",
        ]
        for text in texts {
            #expect(Self.written(.string(text)) == (try Self.expected(.string(text))), "\(text.debugDescription)")
        }
        let keys = ["b", "a", "B", "A", "a10", "a9", "a_b", "a-b", "ä", "z", "Z", "1", "10", "2", "", "aa", "é", "e"]
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.string($0)) }))
        #expect(Self.written(object) == (try Self.expected(object)))
    }

    @Test func randomDocumentsAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = SplitMix64(seed: 20_261_129)
        for _ in 0..<2_000 {
            let value = Self.randomValue(depth: 0, &generator)
            #expect(Self.written(value) == (try Self.expected(value)))
        }
    }

    static func randomValue(depth: Int, _ generator: inout SplitMix64) -> JSONValue {
        let pick = depth > 3 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<6, using: &generator)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let numbers: [Double] = [0, 1, -1, 42, 0.5, 1e-7, 1e21, 123_456.789, -0.25, 9_007_199_254_740_993]
            return .number(numbers.randomElement(using: &generator)!)
        case 3: return .string(randomText(&generator))
        case 4:
            return .array(
                (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                    randomValue(depth: depth + 1, &generator)
                })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &generator) {
                members[randomText(&generator)] = randomValue(depth: depth + 1, &generator)
            }
            return .object(members)
        }
    }

    static func randomText(_ generator: inout SplitMix64) -> String {
        let alphabet = Array("aAbBzZ019_-./\\\"é漢😀 \n\t\u{1}\u{1F}")
        return String(
            (0..<Int.random(in: 0..<8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
