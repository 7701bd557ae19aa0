/// Turns YAML text into `Node` trees, using the system libyaml's event API.
///
/// Every node carries its 1-based line and column (counted in Unicode scalars) and the `file` it came
/// from. Aliases are resolved to copies of their anchored node (keeping the anchor's marks), `<<` merge
/// keys are applied (explicit keys win over merged ones, earlier merge sources over later ones, merged
/// pairs keep the marks of the text that defined them) and tags are reported as written, with the
/// `tag:yaml.org,2002:` prefix shortened back to `!!`.
///
/// The parser rejects, with a positioned `YAMLError`: syntax errors (libyaml's problem and context),
/// invalid UTF-8, duplicate keys in one mapping, unknown and recursive aliases, alias expansion beyond
/// `Configuration.maxAliasExpansion` nodes ("billion laughs"), nesting deeper than
/// `Configuration.maxDepth`, and a malformed `<<` value. UTF-8 input may start with a byte order mark.
public enum YAMLParser {
    /// Limits that protect the parser and its callers from hostile input.
    public struct Configuration: Sendable {
        /// The most nodes that aliases may expand to in one stream, or `nil` for the default: the
        /// larger of 1,000,000 and the input's size in bytes.
        public var maxAliasExpansion: Int?
        /// The deepest nesting of sequences and mappings accepted.
        public var maxDepth: Int

        /// Creates a configuration; the defaults suit config files.
        public init(maxAliasExpansion: Int? = nil, maxDepth: Int = 512) {
            self.maxAliasExpansion = maxAliasExpansion
            self.maxDepth = maxDepth
        }

        /// The alias-expansion limit for an input of `byteCount` bytes.
        func aliasExpansionLimit(byteCount: Int) -> Int {
            maxAliasExpansion ?? max(1_000_000, byteCount)
        }
    }

    /// Parses every document of a YAML stream.
    ///
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - file: The name recorded in every mark (the path as the user wrote it).
    ///   - configuration: Limits against hostile input.
    /// - Returns: One root node per document; an empty stream (or only comments) gives `[]`, and an
    ///   empty document (`---` alone) gives an empty plain scalar (YAML's null).
    /// - Throws: `YAMLError`.
    public static func parseDocuments(
        _ text: String,
        file: String,
        configuration: Configuration = Configuration()
    ) throws -> [Node] {
        var text = text
        return try text.withUTF8 { bytes in
            try EventParser.parse(.bytes(bytes), file: file, configuration: configuration, singleDocument: false)
        }
    }

    /// Parses every document of a YAML stream given as bytes (UTF-8, with or without a byte order mark).
    ///
    /// - Parameters:
    ///   - bytes: The YAML bytes (an `Array`, `Data`, a buffer…).
    ///   - file: The name recorded in every mark.
    ///   - configuration: Limits against hostile input.
    /// - Returns: One root node per document, as `parseDocuments(_:file:configuration:)` for text.
    /// - Throws: `YAMLError`.
    public static func parseDocuments<Bytes: Collection<UInt8>>(
        bytes: Bytes,
        file: String,
        configuration: Configuration = Configuration()
    ) throws -> [Node] {
        try withContiguousBytes(bytes) { buffer in
            try EventParser.parse(.bytes(buffer), file: file, configuration: configuration, singleDocument: false)
        }
    }

    /// Parses a YAML stream that must hold at most one document (a config file).
    ///
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - file: The name recorded in every mark.
    ///   - configuration: Limits against hostile input.
    /// - Returns: The document's root node, or `nil` when the stream holds no document at all (an empty
    ///   file, or one with only comments). A document that is only `---` gives an empty plain scalar.
    /// - Throws: `YAMLError`, with code `multipleDocuments` at the start of a second document.
    public static func parseSingleDocument(
        _ text: String,
        file: String,
        configuration: Configuration = Configuration()
    ) throws -> Node? {
        var text = text
        return try text.withUTF8 { bytes in
            try EventParser.parse(.bytes(bytes), file: file, configuration: configuration, singleDocument: true).first
        }
    }

    /// Parses YAML bytes that must hold at most one document (a config file).
    ///
    /// - Parameters:
    ///   - bytes: The YAML bytes (an `Array`, `Data`, a buffer…), UTF-8 with or without a byte order mark.
    ///   - file: The name recorded in every mark.
    ///   - configuration: Limits against hostile input.
    /// - Returns: The document's root node, or `nil` when the stream holds no document.
    /// - Throws: `YAMLError`, with code `multipleDocuments` at the start of a second document.
    public static func parseSingleDocument<Bytes: Collection<UInt8>>(
        bytes: Bytes,
        file: String,
        configuration: Configuration = Configuration()
    ) throws -> Node? {
        try withContiguousBytes(bytes) { buffer in
            try EventParser.parse(.bytes(buffer), file: file, configuration: configuration, singleDocument: true).first
        }
    }

    /// Parses YAML bytes that must hold at most one document, handing the entries of chosen top-level
    /// mappings to `receive` one at a time, as soon as each is parsed, instead of keeping them in the tree.
    ///
    /// This is how a large config is read without ever holding its whole tree: the caller decodes each
    /// entry and lets it go. Everything else is as in `parseSingleDocument(bytes:file:configuration:)`:
    /// aliases, merges, duplicate-key checks (across streamed and kept keys) and limits.
    ///
    /// A top-level mapping is streamed when the document's root is a mapping, its key is one of
    /// `collections`, and it has no anchor (an alias must copy it whole). In the returned tree such a
    /// mapping keeps only the entries merged into it with `<<` (an explicit entry still wins over a
    /// merged one with the same key); they were never passed to `receive`.
    ///
    /// - Parameters:
    ///   - bytes: The YAML bytes, UTF-8 with or without a byte order mark.
    ///   - file: The name recorded in every mark.
    ///   - configuration: Limits against hostile input.
    ///   - collections: The top-level keys whose mappings are streamed.
    ///   - receive: Called in document order with the top-level key node and one entry. What it throws
    ///     ends the parse and is rethrown.
    /// - Returns: The document's root node without the streamed entries, or `nil` when there is no document.
    /// - Throws: `YAMLError`, or what `receive` throws. Entries already received before an error stay
    ///   received: a caller that must not keep part of a failed file undoes them.
    public static func parseSingleDocument<Bytes: Collection<UInt8>>(
        bytes: Bytes,
        file: String,
        configuration: Configuration = Configuration(),
        streamingEntriesOf collections: Set<String>,
        to receive: (_ collection: Node, _ entry: Pair) throws -> Void
    ) throws -> Node? {
        try withEntrySink(collections, receive) { sink in
            try withContiguousBytes(bytes) { buffer in
                try EventParser.parse(
                    .bytes(buffer), file: file, configuration: configuration, singleDocument: true, entrySink: sink
                ).first
            }
        }
    }

    /// Parses an open YAML file that must hold at most one document, streaming the entries of chosen
    /// top-level mappings to `receive` as `parseSingleDocument(bytes:file:configuration:streamingEntriesOf:to:)`
    /// does. A large file is read a block at a time, so neither its bytes nor its whole tree are ever
    /// held; marks name `file.path`.
    ///
    /// - Throws: `YAMLError` (a file that cannot be read is a reader error), or what `receive` throws.
    public static func parseSingleDocument(
        _ file: YAMLFile,
        configuration: Configuration = Configuration(),
        streamingEntriesOf collections: Set<String> = [],
        to receive: (_ collection: Node, _ entry: Pair) throws -> Void = { _, _ in }
    ) throws -> Node? {
        try withEntrySink(collections, receive) { sink in
            try EventParser.parse(
                .file(file), file: file.path, configuration: configuration, singleDocument: true, entrySink: sink
            ).first
        }
    }

    /// Runs `body` with the sink that hands entries of `collections` to `receive` (none when `collections`
    /// is empty); the sink does not outlive the call.
    private static func withEntrySink<Result>(
        _ collections: Set<String>,
        _ receive: (Node, Pair) throws -> Void,
        _ body: (TreeBuilder.EntrySink?) throws -> Result
    ) throws -> Result {
        try withoutActuallyEscaping(receive) { receive in
            try body(collections.isEmpty ? nil : TreeBuilder.EntrySink(collections: collections, receive: receive))
        }
    }

    private static func withContiguousBytes<Bytes: Collection<UInt8>, Result>(
        _ bytes: Bytes,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws -> Result {
        if let result = try bytes.withContiguousStorageIfAvailable(body) {
            return result
        }
        return try Array(bytes).withUnsafeBufferPointer(body)
    }
}
