import AemconfYAML
import Foundation
import Testing

/// Finding 7 of the security review: collection keys made the duplicate-key check quadratic (40,000 lines
/// `[i]: v` took 39 s; keys built from one anchored collection, 14 s for 21 KB). Both must now parse in
/// linear time, and a real duplicate among such keys is still found.
@Suite struct DuplicateKeyDoSTests {
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func fortyThousandSequenceKeysParseQuickly() throws {
        let text = (0..<40_000).map { "[\($0)]: v" }.joined(separator: "\n")
        let elapsed = try seconds { _ = try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "keys.yaml") }
        #expect(elapsed < 5, "took \(elapsed) s")
    }

    @Test func keysBuiltFromALargeAnchorParseQuickly() throws {
        let anchor = "a: &a [" + (0..<500).map { "x\($0)" }.joined(separator: ", ") + "]\n"
        let keys = (0..<1_500).map { "? [*a, \($0)]\n: v" }.joined(separator: "\n")
        let text = "big:\n  " + anchor + "map:\n" + keys.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let elapsed = try seconds { _ = try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "anchors.yaml") }
        #expect(elapsed < 5, "took \(elapsed) s")
    }

    @Test func aDuplicateCollectionKeyIsStillFound() throws {
        let text = (0..<100).map { "{k: [\($0 % 99), x]}: v" }.joined(separator: "\n")
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "dup.yaml") }
        #expect(error.code == .duplicateKey)
        #expect(error.mark.line == 100)
    }
}
