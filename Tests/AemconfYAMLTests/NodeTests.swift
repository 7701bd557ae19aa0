import AemconfYAML
import Foundation
import Testing

@Suite struct NodeTests {
    @Test func handMadeNodesKeepTheirMarksAndTag() {
        let start = Mark(file: "a.yaml", line: 3, column: 7)
        let end = Mark(file: "a.yaml", line: 3, column: 12)
        var node = Node(
            content: .scalar(Scalar(value: "hello", style: .plain)), tag: "!!str", mark: start, endMark: end)
        #expect(node.mark == start)
        #expect(node.endMark == end)
        #expect(node.tag == "!!str")
        #expect(node.isFlow == false)

        node.tag = nil
        node.mark = Mark(file: "b.yaml", line: 9, column: 1)
        node.isFlow = true
        #expect(node.tag == nil)
        #expect(node.mark == Mark(file: "b.yaml", line: 9, column: 1))
        #expect(node.endMark == end, "setting the start leaves the end alone")
        #expect(node.isFlow)
    }

    @Test func parsedNodesCanBeChanged() throws {
        var root = try parse("a: [1, 2]\nb: x\n")
        let before = root
        root.endMark = Mark(file: "other.yaml", line: 40, column: 2)
        root.tag = "!custom"
        #expect(root.mark == before.mark)
        #expect(root.endMark == Mark(file: "other.yaml", line: 40, column: 2))
        #expect(root.tag == "!custom")
        #expect(root != before)
        #expect(before.value("b")?.tag == nil)
    }

    @Test func equalityAndHashingFollowTheVisibleValues() throws {
        let parsed = try parse("k: v\n", file: "e.yaml")
        let key = try #require(parsed.pair("k")?.key)
        let made = Node(
            content: .scalar(Scalar(value: "k", style: .plain)),
            mark: Mark(file: "e.yaml", line: 1, column: 1),
            endMark: Mark(file: "e.yaml", line: 1, column: 2)
        )
        #expect(key == made)
        #expect(key.hashValue == made.hashValue)
        #expect(Set([key, made]).count == 1)
        #expect(try parse("k: v\n", file: "e.yaml") == parsed, "two parses of one text are equal")
        #expect(try parse("k: v\n", file: "f.yaml") != parsed, "the file is part of a mark")
    }

    /// Every plain single-line scalar's mark points at its text: checks the line table over a whole file.
    @Test(arguments: ["\n", "\r\n"])
    func everyScalarMarkPointsAtItsText(lineBreak: String) throws {
        var text = realConfig
        for index in 0..<200 {
            text += "extra\(index):\n  key: value-\(index) # comment ä€😀\n  list: [a\(index), \"b\", c]\n\n"
        }
        text = text.replacingOccurrences(of: "\n", with: lineBreak)
        let lines = text.components(separatedBy: lineBreak).map { Array($0.unicodeScalars) }
        let root = try parse(text)
        var checked = 0
        var pending = [root]
        while let node = pending.popLast() {
            switch node.content {
            case .scalar(let scalar):
                guard scalar.style == .plain, !scalar.value.isEmpty, !scalar.value.contains("\n") else { continue }
                let line = lines[node.mark.line - 1]
                let found = String(
                    String.UnicodeScalarView(
                        line.dropFirst(node.mark.column - 1).prefix(scalar.value.unicodeScalars.count)))
                if node.tag == nil, found.unicodeScalars.first != "*" {
                    #expect(found == scalar.value, "\(node.mark)")
                    checked += 1
                }
            case .sequence(let items):
                pending.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            }
        }
        #expect(checked > 800)
    }
}
