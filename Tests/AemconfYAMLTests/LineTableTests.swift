import AemconfYAML
import Testing

/// Marks come from the line table: every key of a file with long runs of comment and blank lines (longer
/// than the lookup's nearby scan) must report the line it is written on.
@Suite struct LineTableTests {
    @Test func marksAreExactAcrossLongRunsOfUnmarkedLines() throws {
        var text = ""
        var expected: [(key: String, line: Int, column: Int)] = []
        var line = 1
        for index in 0..<300 {
            let gap = index % 7 == 0 ? 40 : index % 3
            for _ in 0..<gap {
                text += index % 2 == 0 ? "# a comment line\n" : "\n"
                line += 1
            }
            let indent = index % 4 == 0 ? "" : "  "
            if indent.isEmpty {
                text += "k\(index):\n"
                expected.append(("k\(index)", line, 1))
            } else {
                text += "\(indent)k\(index): v\n"
                expected.append(("k\(index)", line, 3))
            }
            line += 1
        }
        let root = try parse(text)
        var found: [String: Mark] = [:]
        var pending = [root]
        while let node = pending.popLast() {
            for pair in node.pairs ?? [] {
                if let key = pair.key.text { found[key] = pair.key.mark }
                pending.append(pair.value)
            }
        }
        for (key, line, column) in expected {
            #expect(found[key]?.line == line, "\(key)")
            #expect(found[key]?.column == column, "\(key)")
        }
        // Looked up in reverse order too: nothing depends on asking near the end of the table.
        for (key, line, _) in expected.reversed() {
            #expect(found[key]?.line == line, "\(key)")
        }
    }
}
