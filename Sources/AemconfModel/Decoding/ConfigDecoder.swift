import AemconfYAML

/// Turns parsed YAML documents (one per file) into a ``Config`` and every diagnostic, without I/O.
public struct ConfigDecoder {
    private var draft = ConfigDraft()
    private var context: DecodingContext
    private var fileDiagnostics: [Diagnostic] = []

    /// Creates a decoder; `fileExists` answers for files the config names (`customAtJs`).
    public init(fileExists: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.context = DecodingContext(fileExists: fileExists)
    }

    /// Reads one file's document; `root` is `nil` for a file with no document (empty or only comments).
    public mutating func add(_ root: Node?, file: String) {
        draft.files.append(file)
        guard let root else {
            context.report(.emptyFile(file))
            return
        }
        ConfigSchema.root.decode(root, into: &draft, subject: .root, anchor: root, context: &context)
    }

    /// Parses one file's YAML bytes and reads its document, as `add(_:file:)` does for a parsed root.
    ///
    /// The entries of the resource collections are decoded one at a time while the file is parsed and then
    /// let go, so a large config never holds its whole YAML tree. When the file turns out not to parse,
    /// whatever its entries added is taken back and the YAML error is the file's only diagnostic, exactly
    /// as if nothing had been decoded.
    public mutating func add<Bytes: Collection<UInt8>>(yaml bytes: Bytes, file: String) {
        add(file: file) { collections, receive in
            try YAMLParser.parseSingleDocument(bytes: bytes, file: file, streamingEntriesOf: collections, to: receive)
        }
    }

    /// Parses an open YAML file and reads its document, as `add(yaml:file:)` does for bytes; a large file
    /// is read a block at a time, so neither its text nor its tree is ever held whole.
    public mutating func add(_ yamlFile: YAMLFile) {
        reserve(forBytes: yamlFile.size)
        add(file: yamlFile.path) { collections, receive in
            try YAMLParser.parseSingleDocument(yamlFile, streamingEntriesOf: collections, to: receive)
        }
    }

    /// Runs `parse` with a receiver that decodes each streamed entry, then reads the rest of the document;
    /// on a parse error, undoes what the entries added and records the error.
    private mutating func add(
        file: String,
        parse: (Set<String>, (Node, Pair) throws -> Void) throws -> Node?
    ) {
        let checkpoint = context.checkpoint
        let resourceCounts = draft.resourceCounts
        let subject = DiagnosticSubject.root
        let root: Node?
        do {
            root = try parse(Self.streamedCollections) { collection, entry in
                // Three collections: comparing the key is cheaper than hashing it for every entry.
                guard let key = collection.scalar?.value,
                    let resources = ConfigSchema.resourceCollections.first(where: { $0.key == key })
                else { return }
                resources.decodeEntry(entry, subject, &draft, &context)
            }
        } catch {
            context.rollBack(to: checkpoint)
            draft.removeResources(after: resourceCounts)
            add(Diagnostic(parsing: error, file: file), file: file)
            return
        }
        add(root, file: file)
    }

    /// Makes room for the resources a file of `byteCount` bytes may hold, so the tables that check names
    /// are not rehashed over and over while a large file streams in. A resource takes a few hundred bytes
    /// of YAML; the estimate errs towards fewer (a table that must still grow costs little more).
    private mutating func reserve(forBytes byteCount: Int) {
        let resources = byteCount / ConfigDecoder.bytesPerResourceEstimate
        guard resources > 64 else { return }
        draft.reserve(resources: resources)
        context.reserveUnique(resources / 3, in: .integrationName)
        context.reserveUnique(resources / 3, in: .pageName)
    }

    /// How many bytes of YAML a resource is assumed to take when sizing tables ahead of a large file.
    static let bytesPerResourceEstimate = 400

    /// The top-level keys whose entries `add(yaml:file:)` decodes while parsing.
    private static let streamedCollections = Set(ConfigSchema.resourceCollections.map(\.key))

    /// Records a problem found before decoding (an unreadable file, a YAML error), keeping its file in order.
    public mutating func add(_ diagnostic: Diagnostic, file: String) {
        draft.files.append(file)
        fileDiagnostics.append(diagnostic)
    }

    /// Checks the whole config and returns it (when it has no errors) with every diagnostic, sorted.
    public func finish() -> ConfigLoadResult {
        var diagnostics = fileDiagnostics + context.diagnostics
        if !draft.files.isEmpty, fileDiagnostics.isEmpty {
            if draft.aem == nil { diagnostics.append(.missingBlock("aem", file: draft.files[0])) }
            if draft.adobe == nil { diagnostics.append(.missingBlock("adobe", file: draft.files[0])) }
        }
        diagnostics += ConfigValidator.validate(draft)
        diagnostics = Self.sorted(diagnostics, fileOrder: draft.files)
        let config = diagnostics.contains(where: \.isError) ? nil : draft.config
        return ConfigLoadResult(
            config: config, diagnostics: diagnostics, sensitiveRanges: context.sensitiveRanges, files: draft.files)
    }

    /// Sorted by file (load order), line, column; exact repeats removed.
    static func sorted(_ diagnostics: [Diagnostic], fileOrder: [String]) -> [Diagnostic] {
        var order: [String: Int] = [:]
        for (position, file) in fileOrder.enumerated() where order[file] == nil {
            order[file] = position
        }
        let sorted = diagnostics.enumerated().sorted { lhs, rhs in
            let left = (
                order[lhs.element.location.file] ?? Int.max, lhs.element.location.line, lhs.element.location.column,
                lhs.offset
            )
            let right = (
                order[rhs.element.location.file] ?? Int.max, rhs.element.location.line, rhs.element.location.column,
                rhs.offset
            )
            return left < right
        }
        var seen = Set<Diagnostic>()
        return sorted.map(\.element).filter { seen.insert($0).inserted }
    }
}
