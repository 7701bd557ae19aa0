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
        // Marks are resolved from the table when asked for, so ask in text order and in reverse: nothing may
        // depend on asking near the previous answer.
        var keys: [String: Node] = [:]
        var pending = [root]
        while let node = pending.popLast() {
            for pair in node.pairs ?? [] {
                if let key = pair.key.text { keys[key] = pair.key }
                pending.append(pair.value)
            }
        }
        for (key, line, column) in expected {
            #expect(keys[key]?.mark.line == line, "\(key)")
            #expect(keys[key]?.mark.column == column, "\(key)")
        }
        for (key, line, column) in expected.reversed() {
            #expect(keys[key]?.mark.line == line, "\(key)")
            #expect(keys[key]?.mark.column == column, "\(key)")
        }
    }
}
