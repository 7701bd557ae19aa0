import AemconfYAML
import Foundation
import Testing

/// Finding 7 of the security review: collection keys made the duplicate-key check quadratic (40,000 lines
/// `[i]: v` took 39 s; keys built from one anchored collection, 14 s for 21 KB). The documents parse (their
/// speed is measured by `aemconf-bench yaml`, never timed here), and a real duplicate among such keys is found.
@Suite struct DuplicateKeyDoSTests {
    @Test func fortyThousandSequenceKeysParseQuickly() throws {
        let text = (0..<40_000).map { "[\($0)]: v" }.joined(separator: "\n")
        let root = try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "keys.yaml")
        guard case .mapping(let pairs)? = root?.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.count == 40_000)
    }

    @Test func keysBuiltFromALargeAnchorParseQuickly() throws {
        let anchor = "a: &a [" + (0..<500).map { "x\($0)" }.joined(separator: ", ") + "]\n"
        let keys = (0..<1_500).map { "? [*a, \($0)]\n: v" }.joined(separator: "\n")
        let text =
            "big:\n  " + anchor + "map:\n" + keys.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let root = try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "anchors.yaml")
        guard case .mapping(let top)? = root?.content, top.count == 2, case .mapping(let pairs) = top[1].value.content
        else {
            Issue.record("no 'map' mapping")
            return
        }
        #expect(pairs.count == 1_500)
    }

    @Test func aDuplicateCollectionKeyIsStillFound() throws {
        let text = (0..<100).map { "{k: [\($0 % 99), x]}: v" }.joined(separator: "\n")
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "dup.yaml")
        }
        #expect(error.code == .duplicateKey)
        #expect(error.mark.line == 100)
    }
}
