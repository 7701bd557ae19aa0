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

    // Storage is compact (40 bytes a node) because config trees hold hundreds of thousands of nodes: the
    // file, the tag and the file's line table live in one shared `NodeSource` (one per file and tag), and a
    // position is the character index libyaml reports, turned into a line and column on demand. The public
    // properties below read and write through it.

    /// The node's content.
    public var content: Content
    /// `true` when the collection was written in flow style (`[a, b]`, `{a: b}`).
    public var isFlow: Bool
    private var startIndex: UInt32
    private var endIndex: UInt32
    private var source: NodeSource

    /// The explicit tag (`!!str`, `!custom`), or `nil` when the node is untagged.
    public var tag: String? {
        get { source.tag }
        set { source = source.withTag(newValue) }
    }

    /// Where the node starts: 1-based line and column (in Unicode scalars) in `mark.file`.
    public var mark: Mark {
        get { source.mark(at: startIndex, end: false) }
        set { source = NodeSource(tag: source.tag, start: newValue, end: endMark) }
    }

    /// Where the node ends (exclusive), same conventions as `mark`.
    public var endMark: Mark {
        get { source.mark(at: endIndex, end: true) }
        set { source = NodeSource(tag: source.tag, start: mark, end: newValue) }
    }

    /// Creates a node.
    public init(content: Content, tag: String? = nil, mark: Mark, endMark: Mark, isFlow: Bool = false) {
        self.content = content
        self.isFlow = isFlow
        self.startIndex = 0
        self.endIndex = 0
        self.source = NodeSource(tag: tag, start: mark, end: endMark)
    }

    /// Creates a parsed node: positions are character indexes into the text `source.lines` describes.
    init(content: Content, source: NodeSource, startIndex: UInt32, endIndex: UInt32, isFlow: Bool) {
        self.content = content
        self.isFlow = isFlow
        self.startIndex = startIndex
        self.endIndex = endIndex
        self.source = source
    }

    /// Nodes are equal when their content, tag, marks and style are.
    public static func == (lhs: Node, rhs: Node) -> Bool {
        guard lhs.isFlow == rhs.isFlow else { return false }
        if lhs.source === rhs.source {
            guard lhs.startIndex == rhs.startIndex, lhs.endIndex == rhs.endIndex else { return false }
        } else {
            guard lhs.tag == rhs.tag, lhs.mark == rhs.mark, lhs.endMark == rhs.endMark else { return false }
        }
        return lhs.content == rhs.content
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(isFlow)
        hasher.combine(tag)
        hasher.combine(mark)
        hasher.combine(endMark)
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
