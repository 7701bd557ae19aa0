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
        return ConfigLoadResult(config: config, diagnostics: diagnostics, sensitiveRanges: context.sensitiveRanges, files: draft.files)
    }

    /// Sorted by file (load order), line, column; exact repeats removed.
    static func sorted(_ diagnostics: [Diagnostic], fileOrder: [String]) -> [Diagnostic] {
        var order: [String: Int] = [:]
        for (position, file) in fileOrder.enumerated() where order[file] == nil {
            order[file] = position
        }
        let sorted = diagnostics.enumerated().sorted { lhs, rhs in
            let left = (order[lhs.element.location.file] ?? Int.max, lhs.element.location.line, lhs.element.location.column, lhs.offset)
            let right = (order[rhs.element.location.file] ?? Int.max, rhs.element.location.line, rhs.element.location.column, rhs.offset)
            return left < right
        }
        var seen = Set<Diagnostic>()
        return sorted.map(\.element).filter { seen.insert($0).inserted }
    }
}
