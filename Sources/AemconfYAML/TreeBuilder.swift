/// A position as the parser reports it: libyaml's character index (what a `Node` stores) and the 1-based
/// line and column (what errors need).
struct TextPosition {
    var index: UInt32
    var line: UInt32
    var column: UInt32
}

/// Builds `Node` trees from parser events: resolves anchors and aliases, applies `<<` merges and rejects
/// duplicate keys. Knows nothing of libyaml; `EventParser` drives it.
struct TreeBuilder {
    /// The finished documents' root nodes.
    private(set) var documents: [Node] = []

    private let file: String
    private let maxAliasExpansion: Int
    private let maxDepth: Int

    /// Collections being built, innermost last.
    private var stack: [Frame] = []
    /// The items of every open sequence, innermost last; a sequence's items move into an array of exactly
    /// their count when it ends (no growth slack is kept in the tree).
    private let openItems = ScratchStack<Node>()
    /// The pairs of every open mapping, innermost last, moved out the same way.
    private let openPairs = ScratchStack<Pair>()
    /// The current document's root, once complete.
    private var root: Node?
    /// Anchors defined so far in the current document.
    private var anchors: [String: Anchor] = [:]
    /// Nodes produced by expanding aliases so far (in the whole stream).
    private var expandedNodes = 0
    /// Where entries of streamed collections go instead of the tree, if anywhere.
    private let entrySink: EntrySink?

    /// Receives the entries of chosen top-level mappings as soon as each is complete.
    struct EntrySink {
        /// The top-level keys whose mappings are streamed.
        var collections: Set<String>
        /// Called with the top-level key and one complete entry.
        var receive: (_ collection: Node, _ entry: Pair) throws -> Void
        /// How many entries one collection is expected to hold (sizes its duplicate-key table).
        var capacityHint = 64
    }

    /// An anchor: either its finished node (with the number of nodes it holds) or still being built.
    private enum Anchor {
        case building(Mark)
        case node(Node, nodeCount: Int)
    }

    /// A sequence or mapping being built.
    private struct Frame {
        var isMapping: Bool
        var source: NodeSource
        var anchor: String?
        var start: TextPosition
        var isFlow: Bool
        /// Where this collection's items (in `openItems`) or pairs (in `openPairs`) begin.
        var firstIndex: Int
        /// A mapping key waiting for its value.
        var pendingKey: Node?
        /// `true` once a `<<` pair was added.
        var hasMerge = false
        /// Nodes in this collection, itself included, with aliases expanded.
        var nodeCount = 1
        /// For a streamed collection: its top-level key and the keys already handed to the sink.
        var streamed: StreamedCollection?
    }

    /// A top-level mapping whose entries go to the sink: only its `<<` pairs stay in the tree.
    private struct StreamedCollection {
        var key: Node
        var keys: KeySet
    }

    /// Creates a builder for text from `file`.
    init(file: String, maxAliasExpansion: Int, maxDepth: Int, entrySink: EntrySink? = nil) {
        self.file = file
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
        self.entrySink = entrySink
    }

    /// A document starts: anchors from earlier documents are forgotten.
    mutating func startDocument() {
        anchors.removeAll(keepingCapacity: true)
        root = nil
        stack.removeAll(keepingCapacity: true)
        openItems.removeAll()
        openPairs.removeAll()
    }

    /// A document ends.
    mutating func endDocument() {
        if let root {
            documents.append(root)
        }
        root = nil
    }

    /// Adds a scalar node.
    mutating func add(_ node: consuming Node, anchor: String?) throws {
        if let anchor {
            anchors[anchor] = .node(node, nodeCount: 1)
        }
        try append(node, nodeCount: 1)
    }

    /// Adds a copy of the node anchored as `name`.
    mutating func addAlias(_ name: String, at mark: Mark) throws {
        switch anchors[name] {
        case nil:
            throw YAMLError.unknownAlias(name, at: mark)
        case .building(let anchorMark):
            throw YAMLError.recursiveAlias(name, at: mark, anchorMark: anchorMark)
        case .node(let node, let nodeCount):
            expandedNodes += nodeCount
            if expandedNodes > maxAliasExpansion {
                throw YAMLError.aliasExpansionLimit(name, at: mark, limit: maxAliasExpansion)
            }
            try append(node, nodeCount: nodeCount)
        }
    }

    /// A sequence or mapping starts.
    mutating func startCollection(
        isMapping: Bool,
        source: NodeSource,
        anchor: String?,
        start: TextPosition,
        isFlow: Bool
    ) throws {
        if stack.count >= maxDepth {
            throw YAMLError.nestingLimit(at: mark(start), limit: maxDepth)
        }
        if let anchor {
            anchors[anchor] = .building(mark(start))
        }
        stack.append(
            Frame(
                isMapping: isMapping,
                source: source,
                anchor: anchor,
                start: start,
                isFlow: isFlow,
                firstIndex: isMapping ? openPairs.count : openItems.count,
                streamed: isMapping && anchor == nil ? streamedCollection() : nil
            )
        )
    }

    /// The streamed collection that a mapping starting now opens: one under a top-level key the sink asked
    /// for. A mapping with an anchor is never streamed (an alias must copy all of it).
    private func streamedCollection() -> StreamedCollection? {
        guard let entrySink, stack.count == 1, stack[0].isMapping, let key = stack[0].pendingKey,
            case .scalar(let scalar) = key.content, entrySink.collections.contains(scalar.value)
        else {
            return nil
        }
        return StreamedCollection(key: key, keys: KeySet(capacity: entrySink.capacityHint))
    }

    /// The innermost sequence or mapping ends.
    mutating func endCollection(end: TextPosition) throws {
        guard let frame = stack.popLast() else { return }
        let content: Node.Content
        if frame.isMapping {
            if frame.hasMerge {
                // A streamed collection kept only its `<<` pairs; merged entries whose keys were streamed
                // lose, as explicit keys do.
                content = .mapping(try applyMerges(from: frame.firstIndex, explicitKeys: frame.streamed?.keys))
            } else {
                try openPairs.withTop(from: frame.firstIndex) { try Self.checkDuplicates($0) }
                content = .mapping(openPairs.popArray(from: frame.firstIndex))
            }
        } else {
            content = .sequence(openItems.popArray(from: frame.firstIndex))
        }
        let node = Node(
            content: content,
            source: frame.source,
            startIndex: frame.start.index,
            endIndex: end.index,
            isFlow: frame.isFlow
        )
        if let anchor = frame.anchor {
            anchors[anchor] = .node(node, nodeCount: frame.nodeCount)
        }
        try append(node, nodeCount: frame.nodeCount)
    }

    /// A compact position as a `Mark` of this file.
    func mark(_ position: TextPosition) -> Mark {
        Mark(file: file, line: Int(position.line), column: Int(position.column))
    }

    /// Adds a finished node to the innermost collection, or makes it the document's root.
    private mutating func append(_ node: consuming Node, nodeCount: Int) throws {
        let last = stack.count - 1
        guard last >= 0 else {
            root = node
            return
        }
        stack[last].nodeCount += nodeCount
        if !stack[last].isMapping {
            openItems.push(node)
        } else if let key = stack[last].pendingKey.take() {
            if Self.isMergeKey(key) {
                stack[last].hasMerge = true
            } else if let entrySink, stack[last].streamed != nil {
                try stream(Pair(key: key, value: node), collectionAt: last, to: entrySink)
                return
            }
            openPairs.push(Pair(key: key, value: node))
        } else {
            stack[last].pendingKey = node
        }
    }

    /// Hands `entry` of the streamed collection at `stack[index]` to the sink, after the duplicate-key check.
    private mutating func stream(_ entry: Pair, collectionAt index: Int, to sink: EntrySink) throws {
        guard var streamed = stack[index].streamed.take() else { return }
        defer { stack[index].streamed = streamed }
        if let first = streamed.keys.insert(entry.key) {
            throw YAMLError.duplicateKey(entry.key, first: first)
        }
        try sink.receive(streamed.key, entry)
    }

    /// `true` for the merge key: a plain, untagged (or `!!merge`) `<<`.
    private static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key.content, scalar.style == .plain, scalar.value == "<<" else {
            return false
        }
        return key.tag == nil || key.tag == "!!merge"
    }

    /// Throws at the second of two equal keys. The merge key is not a key: a quoted `'<<'` beside it is an
    /// ordinary key of that name, not its duplicate (two merge keys are still duplicates).
    private static func checkDuplicates(_ pairs: UnsafeBufferPointer<Pair>) throws {
        if pairs.count <= 16 {
            for index in pairs.indices.dropFirst() {
                for earlier in 0..<index
                where sameKey(pairs[earlier].key, pairs[index].key)
                    && isMergeKey(pairs[earlier].key) == isMergeKey(pairs[index].key)
                {
                    throw YAMLError.duplicateKey(pairs[index].key, first: pairs[earlier].key)
                }
            }
            return
        }
        var seen = KeySet(capacity: pairs.count)
        var firstMergeKey: Node?
        for pair in pairs {
            if isMergeKey(pair.key) {
                if let first = firstMergeKey { throw YAMLError.duplicateKey(pair.key, first: first) }
                firstMergeKey = pair.key
                continue
            }
            if let first = seen.insert(pair.key) {
                throw YAMLError.duplicateKey(pair.key, first: first)
            }
        }
    }

    /// Pops the pairs of the mapping whose first pair is at `first` (it has a `<<` pair) and returns its
    /// effective pairs: explicit keys win, then earlier merge sources; merged pairs take the place of the
    /// `<<` pair and keep their own marks. `explicitKeys` are keys of the mapping that are not among the
    /// pairs (a streamed collection's entries).
    ///
    /// The explicit pairs are moved, not copied: a config mapping with `<<: *defaults` is the common case,
    /// and copying every pair costs a retain and a release per node.
    private mutating func applyMerges(from first: Int, explicitKeys: KeySet?) throws -> [Pair] {
        let sources = try openPairs.withTop(from: first) { pairs in
            try Self.checkDuplicates(pairs)
            return try Self.mergeSources(pairs)
        }
        let mergedCount = sources.reduce(0) { $0 + $1.count }
        let count = openPairs.count - first
        // A handful of keys are compared directly, which is much cheaper than hashing them into a set.
        let usesKeySet = explicitKeys != nil || count + mergedCount > 24
        var keys = explicitKeys ?? KeySet(capacity: usesKeySet ? (count + mergedCount) * 2 : 0)
        if usesKeySet {
            openPairs.withTop(from: first) { pairs in
                for pair in pairs where !Self.isMergeKey(pair.key) {
                    _ = keys.insert(pair.key)
                }
            }
        }
        return openPairs.popArray(from: first) { pairs in
            var result: [Pair] = []
            result.reserveCapacity(pairs.count - 1 + mergedCount)
            // A mapping has at most one `<<` pair (a second is a duplicate key); its merged pairs take its
            // place. The pairs after it are still in `pairs` when it is reached, those before it in `result`.
            for index in pairs.indices {
                let pair = pairs.moveElement(from: index)
                guard Self.isMergeKey(pair.key) else {
                    result.append(pair)
                    continue
                }
                for mergedPair in sources.joined() {
                    let isShadowed: Bool
                    if usesKeySet {
                        isShadowed = keys.insert(mergedPair.key) != nil
                    } else {
                        isShadowed =
                            Self.containsKey(mergedPair.key, in: result[...])
                            || Self.containsKey(mergedPair.key, in: pairs[(index + 1)...])
                    }
                    if !isShadowed {
                        result.append(mergedPair)
                    }
                }
            }
            return result
        }
    }

    /// Whether any of `pairs` has the same key as `target`; reads the keys in place (a `contains` closure
    /// would copy every pair it is handed).
    private static func containsKey<Pairs: RandomAccessCollection<Pair>>(_ target: Node, in pairs: Pairs) -> Bool {
        var index = pairs.startIndex
        while index != pairs.endIndex {
            if sameKey(pairs[index].key, target) {
                return true
            }
            pairs.formIndex(after: &index)
        }
        return false
    }

    /// The pairs each `<<` value merges, in order: a mapping merges its pairs, a sequence of mappings
    /// merges theirs one mapping after the other; anything else is an invalid merge.
    private static func mergeSources(_ pairs: UnsafeBufferPointer<Pair>) throws -> [[Pair]] {
        var sources: [[Pair]] = []
        for pair in pairs where isMergeKey(pair.key) {
            switch pair.value.content {
            case .mapping(let merged):
                sources.append(merged)
            case .sequence(let items):
                for item in items {
                    guard case .mapping(let merged) = item.content else {
                        throw YAMLError.invalidMerge(item)
                    }
                    sources.append(merged)
                }
            case .scalar:
                throw YAMLError.invalidMerge(pair.value)
            }
        }
        return sources
    }

    /// `true` when two keys are the same key: equal scalar text, or equal collections (marks ignored).
    static func sameKey(_ lhs: Node, _ rhs: Node) -> Bool {
        // The common case first, without building a tuple of both contents.
        if case .scalar(let left) = lhs.content {
            guard case .scalar(let right) = rhs.content else { return false }
            return left.value == right.value
        }
        switch (lhs.content, rhs.content) {
        case (.scalar(let left), .scalar(let right)):
            return left.value == right.value
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { sameKey($0, $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { sameKey($0.key, $1.key) && sameKey($0.value, $1.value) }
        default:
            return false
        }
    }

    /// Keys seen in one mapping: scalar keys hashed by text, collection keys hashed by structure (so that
    /// 40,000 keys `[i]: v`, or keys made of one large anchored collection, take linear time, not quadratic:
    /// only keys with the same structural hash are compared).
    private struct KeySet {
        private var scalars: [String: Node]
        private var collections: [Int: [Node]] = [:]

        init(capacity: Int) {
            scalars = Dictionary(minimumCapacity: capacity)
        }

        /// Adds `key`; returns the equal key already present instead, if any.
        mutating func insert(_ key: Node) -> Node? {
            if case .scalar(let scalar) = key.content {
                if let first = scalars[scalar.value] {
                    return first
                }
                scalars[scalar.value] = key
                return nil
            }
            let hash = TreeBuilder.structuralHash(key)
            if let first = collections[hash]?.first(where: { TreeBuilder.sameKey($0, key) }) {
                return first
            }
            collections[hash, default: []].append(key)
            return nil
        }
    }

    /// A hash of what ``sameKey(_:_:)`` compares: scalar texts and the shape of collections, not marks or tags.
    static func structuralHash(_ node: Node) -> Int {
        var hasher = Hasher()
        combineStructure(node, into: &hasher)
        return hasher.finalize()
    }

    private static func combineStructure(_ node: Node, into hasher: inout Hasher) {
        switch node.content {
        case .scalar(let scalar):
            hasher.combine(0 as UInt8)
            hasher.combine(scalar.value)
        case .sequence(let items):
            hasher.combine(1 as UInt8)
            hasher.combine(items.count)
            for item in items { combineStructure(item, into: &hasher) }
        case .mapping(let pairs):
            hasher.combine(2 as UInt8)
            hasher.combine(pairs.count)
            for pair in pairs {
                combineStructure(pair.key, into: &hasher)
                combineStructure(pair.value, into: &hasher)
            }
        }
    }
}
