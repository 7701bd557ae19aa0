/// A YAML text that could not be turned into a node tree, with the place that caused it.
///
/// Errors are equal when their `code` is equal, so tests compare with `==` against `YAMLError(code:)`
/// values; the message and mark are for people. `description` is compiler-style:
/// `config.yaml:4:3: error: duplicate key 'name' in this mapping; the first is at line 2, column 3`.
public struct YAMLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The stable kind of a `YAMLError`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable, machine-readable name (`yaml.duplicate-key`).
        public var rawValue: String

        /// Creates a code from its stable name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The stable name.
        public var description: String { rawValue }

        /// The text is not YAML (libyaml's scanner or parser gave up); the message holds libyaml's
        /// problem and context.
        public static let syntax = Code(rawValue: "yaml.syntax")
        /// The bytes are not valid UTF-8 (or another encoding libyaml understands).
        public static let invalidEncoding = Code(rawValue: "yaml.invalid-encoding")
        /// The text holds a character YAML forbids (a control character, for example).
        public static let invalidCharacter = Code(rawValue: "yaml.invalid-character")
        /// A mapping holds the same key twice (libyaml itself accepts this).
        public static let duplicateKey = Code(rawValue: "yaml.duplicate-key")
        /// An alias (`*name`) names no anchor defined before it in the document.
        public static let unknownAlias = Code(rawValue: "yaml.unknown-alias")
        /// An alias refers to the node that contains it (`&a [*a]`).
        public static let recursiveAlias = Code(rawValue: "yaml.recursive-alias")
        /// Aliases expand to more nodes than the limit ("billion laughs").
        public static let aliasExpansionLimit = Code(rawValue: "yaml.alias-expansion-limit")
        /// Collections are nested deeper than the limit.
        public static let nestingLimit = Code(rawValue: "yaml.nesting-limit")
        /// A single-document parse found a second document.
        public static let multipleDocuments = Code(rawValue: "yaml.multiple-documents")
        /// A `<<` merge key whose value is not a mapping or a sequence of mappings.
        public static let invalidMerge = Code(rawValue: "yaml.invalid-merge")
        /// libyaml ran out of memory.
        public static let outOfMemory = Code(rawValue: "yaml.out-of-memory")
    }

    /// What went wrong, stable across releases.
    public var code: Code
    /// Where it went wrong: 1-based line and column (in Unicode scalars).
    public var mark: Mark
    /// A lower-case sentence for people; user values appear in single quotes.
    public var message: String
    /// Another place the message talks about, such as the first of two duplicate keys.
    public var relatedMark: Mark?

    /// Creates an error.
    public init(code: Code, mark: Mark, message: String, relatedMark: Mark? = nil) {
        self.code = code
        self.mark = mark
        self.message = message
        self.relatedMark = relatedMark
    }

    /// `file:line:column: error: message`.
    public var description: String {
        "\(mark.file):\(mark.line):\(mark.column): error: \(message)"
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: YAMLError, rhs: YAMLError) -> Bool {
        lhs.code == rhs.code
    }
}
