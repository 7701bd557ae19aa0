/// What the nodes of one file with one tag share: the file, the tag, and how to turn a stored position
/// into a `Mark`.
///
/// A parsed node stores character indexes and refers to its file's `LineTable`; a node made by hand (or
/// whose marks were set) gets a source of its own holding its two marks.
final class NodeSource: Sendable {
    /// The file of the node's marks.
    let file: String
    /// The node's tag.
    let tag: String?
    /// Turns character indexes into lines and columns (parsed nodes).
    let lines: LineTable?
    /// The node's marks, for nodes not made by the parser.
    let explicitMarks: (start: Mark, end: Mark)?

    /// A source for parsed nodes of `file`.
    init(file: String, tag: String?, lines: LineTable) {
        self.file = file
        self.tag = tag
        self.lines = lines
        self.explicitMarks = nil
    }

    /// A source for one node with explicit marks.
    init(tag: String?, start: Mark, end: Mark) {
        self.file = start.file
        self.tag = tag
        self.lines = nil
        self.explicitMarks = (start, end)
    }

    /// The same source with another tag.
    func withTag(_ tag: String?) -> NodeSource {
        if let lines {
            return NodeSource(file: file, tag: tag, lines: lines)
        }
        let marks = explicitMarks ?? (Mark(file: file, line: 1, column: 1), Mark(file: file, line: 1, column: 1))
        return NodeSource(tag: tag, start: marks.start, end: marks.end)
    }

    /// The mark of a stored position (`end` picks which explicit mark a hand-made node returns).
    func mark(at index: UInt32, end: Bool) -> Mark {
        if let explicitMarks {
            return end ? explicitMarks.end : explicitMarks.start
        }
        let position = lines?.position(ofIndex: index) ?? (line: 1, column: 1)
        return Mark(file: file, line: position.line, column: position.column)
    }
}
