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

    /// The node's content.
    public var content: Content
    /// The explicit tag (`!!str`, `!custom`), or `nil` when the node is untagged.
    public var tag: String?
    /// Where the node starts: 1-based line and column (in Unicode scalars) in `mark.file`.
    public var mark: Mark
    /// Where the node ends (exclusive), same conventions as `mark`.
    public var endMark: Mark
    /// `true` when the collection was written in flow style (`[a, b]`, `{a: b}`).
    public var isFlow: Bool

    /// Creates a node.
    public init(content: Content, tag: String? = nil, mark: Mark, endMark: Mark, isFlow: Bool = false) {
        self.content = content
        self.tag = tag
        self.mark = mark
        self.endMark = endMark
        self.isFlow = isFlow
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
