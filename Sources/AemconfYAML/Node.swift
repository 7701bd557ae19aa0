/// A YAML node: a scalar, a sequence or a mapping, with its tag, style and the place it came from.
///
/// Aliases are already resolved (an alias node is a copy of its anchor's node, keeping the anchor's
/// marks) and `<<` merge keys are already applied: a mapping's `pairs` are the effective pairs, each
/// with the marks of the text that defined it.
public struct Node: Sendable, Hashable {
    /// What the node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar value as written (after YAML unescaping and folding), with its style.
        case scalar(Scalar)
        /// An ordered list of nodes.
        case sequence([Node])
        /// Key/value pairs in document order; keys are unique (duplicates are a parse error).
        case mapping([Pair])
    }

    // Storage is compact (48 bytes a node) because config trees hold hundreds of thousands of nodes: the
    // file and tag live in one shared `NodeSource` (one per file and tag), lines and columns in `UInt32`s.
    // The public properties below read and write through it.

    /// The node's content.
    public var content: Content
    /// `true` when the collection was written in flow style (`[a, b]`, `{a: b}`).
    public var isFlow: Bool
    private var startLine: UInt32
    private var startColumn: UInt32
    private var endLine: UInt32
    private var endColumn: UInt32
    private var source: NodeSource

    /// The explicit tag (`!!str`, `!custom`), or `nil` when the node is untagged.
    public var tag: String? {
        get { source.tag }
        set { source = NodeSource(file: source.file, endFile: source.endFile, tag: newValue) }
    }

    /// Where the node starts: 1-based line and column (in Unicode scalars) in `mark.file`.
    public var mark: Mark {
        get { Mark(file: source.file, line: Int(startLine), column: Int(startColumn)) }
        set {
            if newValue.file != source.file {
                source = NodeSource(file: newValue.file, endFile: source.endFile ?? source.file, tag: source.tag)
            }
            startLine = NodeSource.compact(newValue.line)
            startColumn = NodeSource.compact(newValue.column)
        }
    }

    /// Where the node ends (exclusive), same conventions as `mark`.
    public var endMark: Mark {
        get { Mark(file: source.endFile ?? source.file, line: Int(endLine), column: Int(endColumn)) }
        set {
            if newValue.file != (source.endFile ?? source.file) {
                let endFile = newValue.file == source.file ? nil : newValue.file
                source = NodeSource(file: source.file, endFile: endFile, tag: source.tag)
            }
            endLine = NodeSource.compact(newValue.line)
            endColumn = NodeSource.compact(newValue.column)
        }
    }

    /// Creates a node.
    public init(content: Content, tag: String? = nil, mark: Mark, endMark: Mark, isFlow: Bool = false) {
        self.content = content
        self.isFlow = isFlow
        self.startLine = NodeSource.compact(mark.line)
        self.startColumn = NodeSource.compact(mark.column)
        self.endLine = NodeSource.compact(endMark.line)
        self.endColumn = NodeSource.compact(endMark.column)
        self.source = NodeSource(file: mark.file, endFile: endMark.file == mark.file ? nil : endMark.file, tag: tag)
    }

    /// Creates a node from the parser's compact positions and a shared source.
    init(
        content: Content,
        source: NodeSource,
        start: (line: UInt32, column: UInt32),
        end: (line: UInt32, column: UInt32),
        isFlow: Bool
    ) {
        self.content = content
        self.isFlow = isFlow
        self.startLine = start.line
        self.startColumn = start.column
        self.endLine = end.line
        self.endColumn = end.column
        self.source = source
    }

    /// Nodes are equal when their content, tag, marks and style are.
    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.startLine == rhs.startLine && lhs.startColumn == rhs.startColumn && lhs.endLine == rhs.endLine
            && lhs.endColumn == rhs.endColumn && lhs.isFlow == rhs.isFlow
            && (lhs.source === rhs.source || lhs.source == rhs.source) && lhs.content == rhs.content
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(isFlow)
        hasher.combine(startLine)
        hasher.combine(startColumn)
        hasher.combine(endLine)
        hasher.combine(endColumn)
        hasher.combine(source)
    }
}

/// The file and tag of a node, shared by every node of one file with the same tag.
final class NodeSource: Sendable, Hashable {
    /// The file of `Node.mark`.
    let file: String
    /// The file of `Node.endMark` when it differs from `file` (only for hand-made nodes).
    let endFile: String?
    /// The node's tag.
    let tag: String?

    init(file: String, endFile: String?, tag: String?) {
        self.file = file
        self.endFile = endFile
        self.tag = tag
    }

    static func == (lhs: NodeSource, rhs: NodeSource) -> Bool {
        lhs.file == rhs.file && lhs.endFile == rhs.endFile && lhs.tag == rhs.tag
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(endFile)
        hasher.combine(tag)
    }

    /// A line or column as stored (saturating at `UInt32.max`; negative values become 0).
    static func compact(_ value: Int) -> UInt32 {
        UInt32(clamping: value)
    }
}

/// A scalar's text and the style it was written in.
public struct Scalar: Sendable, Hashable {
    /// How a scalar was written.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's value after unescaping/folding.
    public var value: String
    /// The style it was written in; a plain scalar may be a number, boolean or null, a quoted one never.
    public var style: Style

    /// Creates a scalar.
    public init(value: String, style: Style) {
        self.value = value
        self.style = style
    }
}

/// One key/value pair of a mapping.
public struct Pair: Sendable, Hashable {
    /// The key node (usually a plain scalar).
    public var key: Node
    /// The value node.
    public var value: Node

    /// Creates a pair.
    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// A position in a source file: 1-based line and column, columns counted in Unicode scalars.
public struct Mark: Sendable, Hashable, Comparable {
    /// The file the text came from, as given to the parser.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a mark.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
