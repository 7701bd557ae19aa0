import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

/// `JSONValue.parse` reads what `JSONDecoder` reads, into the same value, and refuses what it refuses.
@Suite struct JSONValueParseTests {
    /// Random values of every kind, nested, with strings that need escapes and characters beyond the BMP.
    static func randomValue(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let choices: [Double] = [
                0, -0.5, 1, -17, 3.25e-7, 1.5e300, 123_456_789_012, Double(Int32.max),
                Double(Int.random(in: -1_000_000...1_000_000, using: &random)),
                Double.random(in: -1e6...1e6, using: &random),
            ]
            return .number(choices[Int.random(in: 0..<choices.count, using: &random)])
        case 3: return .string(randomString(&random))
        case 4:
            return .array(
                (0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &random) {
                object[randomString(&random)] = randomValue(&random, depth: depth + 1)
            }
            return .object(object)
        }
    }

    static func randomString(_ random: inout SplitMix64) -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "é", "中", "😀", "\u{7F}", "{", "]"]
        return (0..<Int.random(in: 0..<8, using: &random)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &random)]
        }.joined()
    }

    @Test func randomDocumentsParseToTheValueJSONDecoderReads() throws {
        var random = SplitMix64(seed: 8259)
        for round in 0..<2_000 {
            let value = Self.randomValue(&random)
            let text = try JSONEncoder().encode(value)
            let parsed = try JSONValue.parse(Array(text))
            #expect(parsed == value, "round \(round): \(String(decoding: text, as: UTF8.self))")
            #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: text)), "round \(round)")
        }
    }

    @Test func aRepeatedKeyIsRefusedOnlyWhenAsked() throws {
        let repeated = Array(#"{"a": {"b": 1, "b": 2}}"#.utf8)
        #expect(try JSONValue.parse(repeated) == .object(["a": .object(["b": .number(2)])]))
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(repeated, rejectingDuplicateKeys: true) }
        let distinct = Array(#"{"a": {"b": 1, "c": [{"b": 2}, {"b": 3}]}, "b": 4}"#.utf8)
        #expect(try JSONValue.parse(distinct, rejectingDuplicateKeys: true) == (try JSONValue.parse(distinct)))
    }

    @Test func escapesWhitespaceAndNumbersAsRFC8259Writes() throws {
        let text =
            #" { "a" : [ 1 , -0.5e+2 , 2E-1 , 0 , true , false , null ] ,"#
            + #" "s" : "\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t" , "a" : "last wins" } "#
        #expect(
            try JSONValue.parse(Array(text.utf8))
                == .object(["a": .string("last wins"), "s": .string("é😀\"\\/\u{8}\u{C}\n\r\t")]))
        #expect(
            try JSONValue.parse(Array("[1,-0.5e+2,2E-1,0]".utf8)) == .array([1, -50, 0.2, 0].map(JSONValue.number)))
        #expect(try JSONValue.parse(Array("\"x\"".utf8)) == .string("x"))
        #expect(try JSONValue.parse(Array("  42 ".utf8)) == .number(42))
    }

    @Test(arguments: [
        "", " ", "{", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "tru", "nul", "[NaN]",
        "\"abc", "\"a\u{1}b\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "{1:2}",
        "{\"a\" 1}", "[1 2]", "1 2", "[1]]", "{\"a\":1}x", "[1e999]",
    ])
    func malformedTextIsRefused(text: String) {
        #expect(throws: JSONValue.ParseError.self, "\(text.debugDescription)") {
            try JSONValue.parse(Array(text.utf8))
        }
        #expect(throws: (any Error).self, "JSONDecoder refuses \(text.debugDescription) too") {
            try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
    }

    /// A deliberate difference: Foundation's `JSONDecoder` accepts a trailing comma; RFC 8259 does not, nor do we.
    @Test(arguments: ["[1,]", "{\"a\":1,}"])
    func aTrailingCommaIsRefusedThoughJSONDecoderTakesIt(text: String) throws {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        _ = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse([0x22, 0xFF, 0xFE, 0x22]) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(Array(fine.utf8))) != nil)
    }

    @Test func anErrorSaysWhere() {
        #expect(throws: JSONValue.ParseError(offset: 6, reason: "',' or ']' was expected")) {
            try JSONValue.parse(Array("[1, 2 3]".utf8))
        }
    }
}
