import CLibYAML

/// The only code that touches libyaml: runs `yaml_parser_parse` over a byte buffer and feeds each event,
/// with its marks made 1-based, to a `TreeBuilder`.
enum EventParser {
    /// What libyaml reads: bytes already in memory, or an open file read a block at a time.
    enum Input {
        case bytes(UnsafeBufferPointer<UInt8>)
        case file(YAMLFile)
    }

    /// Files up to this size are read whole and parsed from memory; larger ones a block at a time.
    static let wholeFileLimit = 1 << 20

    /// Parses `input` into one node per document.
    static func parse(
        _ input: Input,
        file: String,
        configuration: YAMLParser.Configuration,
        singleDocument: Bool,
        entrySink: TreeBuilder.EntrySink? = nil
    ) throws -> [Node] {
        if case .file(let yamlFile) = input, yamlFile.size <= wholeFileLimit {
            let bytes = try wholeFile(yamlFile, name: file)
            return try bytes.withUnsafeBufferPointer { buffer in
                try parse(
                    .bytes(buffer), file: file, configuration: configuration, singleDocument: singleDocument,
                    entrySink: entrySink)
            }
        }
        do {
            return try parseEvents(
                input, file: file, configuration: configuration, singleDocument: singleDocument, entrySink: entrySink)
        } catch var error as YAMLError {
            // At the end of a text without a final line break, libyaml reports line `n + 1`, column 1, a
            // line the file does not have; such marks move back to just after the last character.
            // Only such a column-1 mark can lie past the end, so only then is a file read again to find it.
            if error.mark.column == 1,
                let end = try? withWholeText(input, name: file, { ByteOffsetPosition(bytes: $0, offset: $0.count) }),
                (error.mark.line, error.mark.column) > (end.line, end.column)
            {
                error.mark.line = end.line
                error.mark.column = end.column
            }
            throw error
        }
    }

    private static func parseEvents(
        _ input: Input,
        file: String,
        configuration: YAMLParser.Configuration,
        singleDocument: Bool,
        entrySink: TreeBuilder.EntrySink?
    ) throws -> [Node] {
        let byteCount: Int
        switch input {
        case .bytes(let bytes):
            // Nothing but an optional byte order mark: no document, and nothing for libyaml to read.
            if bytes.isEmpty || (bytes.count == 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
                return []
            }
            byteCount = bytes.count
        case .file(let yamlFile):
            byteCount = yamlFile.size
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        // libyaml keeps a pointer to the parser struct (the string reader's handler data), so it must not
        // move: it lives on the heap, never in a Swift `var` passed with `&`.
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError.outOfMemory(Mark(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        // Reads the file for libyaml a block at a time; it must outlive the parse.
        let reader: FileReader?
        switch input {
        case .bytes(let bytes):
            guard let base = bytes.baseAddress else { return [] }
            yaml_parser_set_input_string(parser, base, bytes.count)
            reader = nil
        case .file(let yamlFile):
            let fileReader = FileReader(yamlFile)
            yaml_parser_set_input(
                parser,
                { data, buffer, size, sizeRead in
                    guard let data, let buffer, let sizeRead else { return 0 }
                    return Unmanaged<FileReader>.fromOpaque(data).takeUnretainedValue().read(
                        into: buffer, size: size, sizeRead: sizeRead)
                }, Unmanaged.passUnretained(fileReader).toOpaque())
            reader = fileReader
        }
        defer { withExtendedLifetime(reader) {} }

        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        var sink = entrySink
        // An entry of a streamed collection takes a few hundred bytes; size its key table for that.
        sink?.capacityHint = max(64, byteCount / 1_200)
        var builder = TreeBuilder(
            file: file,
            maxAliasExpansion: configuration.aliasExpansionLimit(byteCount: byteCount),
            maxDepth: configuration.maxDepth,
            entrySink: sink
        )
        let lines = LineTable(byteCount: byteCount)
        var sources = SourceTable(file: file, lines: lines)

        var documentCount = 0
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                if let failure = reader?.failure {
                    throw unreadable(failure, name: file)
                }
                throw error(from: parser.pointee, input: input, file: file)
            }
            defer { yaml_event_delete(event) }
            let start = position(event.pointee.start_mark, lines)
            switch event.pointee.type {
            case YAML_STREAM_END_EVENT:
                lines.finish()
                return builder.documents
            case YAML_DOCUMENT_START_EVENT:
                documentCount += 1
                if singleDocument, documentCount > 1 {
                    throw YAMLError.multipleDocuments(builder.mark(start))
                }
                builder.startDocument()
            case YAML_DOCUMENT_END_EVENT:
                builder.endDocument()
            case YAML_SCALAR_EVENT:
                let data = event.pointee.data.scalar
                let value: String
                if let pointer = data.value, data.length > 0 {
                    value = String(decoding: UnsafeBufferPointer(start: pointer, count: data.length), as: UTF8.self)
                } else {
                    value = ""
                }
                let node = Node(
                    content: .scalar(Scalar(value: value, style: style(data.style))),
                    source: sources.source(tag: data.tag),
                    startIndex: start.index,
                    endIndex: position(event.pointee.end_mark, lines).index,
                    isFlow: false
                )
                try builder.add(node, anchor: string(data.anchor))
            case YAML_ALIAS_EVENT:
                try builder.addAlias(string(event.pointee.data.alias.anchor) ?? "", at: builder.mark(start))
            case YAML_SEQUENCE_START_EVENT:
                let data = event.pointee.data.sequence_start
                try builder.startCollection(
                    isMapping: false,
                    source: sources.source(tag: data.tag),
                    anchor: string(data.anchor),
                    start: start,
                    isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE
                )
            case YAML_MAPPING_START_EVENT:
                let data = event.pointee.data.mapping_start
                try builder.startCollection(
                    isMapping: true,
                    source: sources.source(tag: data.tag),
                    anchor: string(data.anchor),
                    start: start,
                    isFlow: data.style == YAML_FLOW_MAPPING_STYLE
                )
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection(end: position(event.pointee.end_mark, lines))
            default:
                break
            }
        }
    }

    /// libyaml's 0-based mark as a 1-based `Mark`. libyaml counts columns in characters (Unicode scalars)
    /// and does not count a leading byte order mark, which is what `Mark` promises.
    private static func mark(_ mark: yaml_mark_t, file: String) -> Mark {
        Mark(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// libyaml's 0-based mark as a `TextPosition`, recorded in the file's line table.
    private static func position(_ mark: yaml_mark_t, _ lines: LineTable) -> TextPosition {
        let index = lines.record(index: Int(mark.index), line: Int(mark.line), column: Int(mark.column))
        return TextPosition(
            index: index, line: UInt32(clamping: mark.line + 1), column: UInt32(clamping: mark.column + 1))
    }

    /// One shared `NodeSource` per tag in a file, so nodes carry a reference instead of strings.
    private struct SourceTable {
        let untagged: NodeSource
        var tagged: [String: NodeSource] = [:]

        init(file: String, lines: LineTable) {
            untagged = NodeSource(file: file, tag: nil, lines: lines)
        }

        mutating func source(tag pointer: UnsafeMutablePointer<yaml_char_t>?) -> NodeSource {
            guard let tag = EventParser.tag(pointer) else { return untagged }
            if let source = tagged[tag] {
                return source
            }
            let source = untagged.withTag(tag)
            tagged[tag] = source
            return source
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The tag as written: libyaml resolves `!!str` to `tag:yaml.org,2002:str`; this shortens it back.
    static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag = string(pointer) else { return nil }
        let standardPrefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(standardPrefix) {
            return "!!" + tag.dropFirst(standardPrefix.count)
        }
        return tag
    }

    /// The `YAMLError` for a failed `yaml_parser_parse`.
    private static func error(from parser: yaml_parser_t, input: Input, file: String) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .outOfMemory(mark(parser.problem_mark, file: file))
        case YAML_READER_ERROR:
            let position =
                (try? withWholeText(input, name: file) { ByteOffsetPosition(bytes: $0, offset: parser.problem_offset) })
                ?? ByteOffsetPosition()
            let at = Mark(file: file, line: position.line, column: position.column)
            let value = parser.problem_value == -1 ? nil : Int(parser.problem_value)
            return .reader(problem: problem, value: value, at: at)
        default:
            let context = parser.context.map { String(cString: $0) }
            return .syntax(
                problem: problem,
                at: mark(parser.problem_mark, file: file),
                context: context,
                contextMark: context == nil ? nil : mark(parser.context_mark, file: file)
            )
        }
    }

    /// Runs `body` over the whole text (a file is read again: this is for placing errors only).
    private static func withWholeText<Result>(
        _ input: Input, name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) throws -> Result {
        switch input {
        case .bytes(let bytes):
            return body(bytes)
        case .file(let yamlFile):
            return try wholeFile(yamlFile, name: name).withUnsafeBufferPointer(body)
        }
    }

    /// A file's bytes, or the reader error for a file that cannot be read.
    private static func wholeFile(_ yamlFile: YAMLFile, name: String) throws -> [UInt8] {
        switch yamlFile.readAll() {
        case .success(let bytes):
            return bytes
        case .failure(let failure):
            throw unreadable(failure, name: name)
        }
    }

    /// The reader error for a file whose bytes cannot be read (where in the file is unknown).
    private static func unreadable(_ failure: YAMLFile.ReadError, name: String) -> YAMLError {
        .reader(
            problem: "cannot read the file: \(failure.reason)", value: nil, at: Mark(file: name, line: 1, column: 1))
    }

    /// libyaml's read handler over a `YAMLFile`: hands out the next block and remembers a failure.
    private final class FileReader {
        let file: YAMLFile
        var offset = 0
        var failure: YAMLFile.ReadError?

        init(_ file: YAMLFile) {
            self.file = file
        }

        /// libyaml's read handler contract: fill `buffer` with up to `size` bytes, store how many in
        /// `sizeRead` (0 at the end), return 1; return 0 on failure.
        func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int, sizeRead: UnsafeMutablePointer<Int>) -> Int32 {
            switch file.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size), at: offset) {
            case .success(let count):
                offset += count
                sizeRead.pointee = count
                return 1
            case .failure(let readFailure):
                failure = readFailure
                return 0
            }
        }
    }
}
