import AemconfTestSupport

/// A seeded generator of YAML documents for the differential oracle: block and flow mappings and sequences
/// nested in each other, anchors, aliases, `<<` merges (a mapping, an alias, a list of them), every scalar
/// style (plain on one or several lines, single- and double-quoted with escapes, literal and folded with each
/// chomping indicator), `!!str` tags, and, now and then, a duplicate key or a merge of something that is not a
/// mapping. The same seed always gives the same documents.
struct YAMLCaseGenerator {
    private var random: SplitMix64
    /// Anchors of finished nodes in the current document, by kind.
    private var mappingAnchors: [String] = []
    private var otherAnchors: [String] = []
    private var anchorCount = 0

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The next document.
    mutating func document() -> String {
        mappingAnchors = []
        otherAnchors = []
        anchorCount = 0
        let root = mapping(depth: 0, flow: false)
        var text = random.chance(0.2) ? "%YAML 1.1\n---\n" : (random.chance(0.2) ? "---\n" : "")
        text += rootText(root)
        if random.chance(0.1) { text += "...\n" }
        if random.chance(0.05) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if random.chance(0.03) { text = "\u{FEFF}" + text }
        return text
    }

    // MARK: the abstract document

    /// A generated node, before it is written.
    indirect enum Item {
        case scalar(String)  // already written as text valid in both block and flow context
        case blockScalar(header: String, lines: [String])  // literal or folded; block context only
        case multilinePlain([String])  // a plain scalar over several lines; block mapping values only
        case sequence([Item], flow: Bool)
        case mapping([(key: String, value: Item)], flow: Bool)
        case alias(String)
        case anchored(String, Item)
    }

    private static let keys = ["a", "b", "c", "d", "name", "port", "url", "x-y", "list", "enabled", "k1", "k2"]
    private static let words = [
        "hello", "a b c", "x-y", "path/to/file", "café", "v1.2.3", "a#b", "émoji 🚀", "-x", "key=value",
    ]
    /// Plain scalars that the YAML 1.2 core schema and YAML 1.1 type alike.
    private static let agreeingPlain = [
        "0", "7", "-12", "+3", "42", "1234567", "3.25", "-0.5", ".5", "1.", "0.0", "true", "false", "True", "FALSE",
        "null", "~", "Null", "NULL", "1e3", "0o17", "0.1.2", "yes please",
    ]
    /// Plain scalars that YAML 1.1 (PyYAML) types differently from the core schema aemconf uses.
    private static let yaml11Plain = [
        "yes", "No", "on", "OFF", "010", "0x1F", "1_000", "2001-12-14", ".inf", "-.Inf", ".NaN", "0b101", "1.5e+3",
        "12345678901234567890", "-.5", "1:30",
    ]
    private static let quotedTexts = [
        "", " lead", "trail ", "it's", "a: b", "#x", "[1, 2]", "{a: b}", "true", "123", "null", "<<", "*a", "&b",
        "ü", "tab\there", "- x", "? q", "a,b",
    ]
    private static let escapes = [
        "\\n", "\\t", "\\\"", "\\\\", "\\u00e9", "\\x41", "\\U0001F600", "\\/", "\\0", "\\ ", "\\_", "\\N",
    ]

    private mutating func item(depth: Int, flow: Bool, mappingValue: Bool = false) -> Item {
        let roll = random.next(100)
        var generated: Item
        if depth >= 4 || roll < 45 {
            generated = scalar(flow: flow, mappingValue: mappingValue)
        } else if roll < 58, let alias = anyAlias() {
            return .alias(alias)
        } else if roll < 80 {
            generated = mapping(depth: depth + 1, flow: flow || random.chance(0.3))
        } else {
            generated = sequence(depth: depth + 1, flow: flow || random.chance(0.3))
        }
        if random.chance(0.25) {
            anchorCount += 1
            let name = "n\(anchorCount)"
            if case .mapping = generated { mappingAnchors.append(name) } else { otherAnchors.append(name) }
            generated = .anchored(name, generated)
        }
        return generated
    }

    private mutating func anyAlias() -> String? {
        let all = mappingAnchors + otherAnchors
        return all.isEmpty ? nil : all[random.next(all.count)]
    }

    private mutating func scalar(flow: Bool, mappingValue: Bool) -> Item {
        if random.chance(0.04) { return .scalar("") }  // an empty value: null
        if !flow, random.chance(0.04) { return .scalar(Self.words[random.next(4)] + " # a comment") }
        let tag = random.chance(0.05) ? "!!str " : ""
        switch random.next(flow ? 4 : 6) {
        case 0:
            let pool = random.chance(0.3) ? Self.yaml11Plain : (random.chance(0.5) ? Self.agreeingPlain : Self.words)
            var text = pool[random.next(pool.count)]
            if flow, text.contains(":") || text.contains(",") { text = "plain" }
            return .scalar(tag + text)
        case 1:
            let text = Self.quotedTexts[random.next(Self.quotedTexts.count)]
            return .scalar(tag + "'" + text.replacingOccurrences(of: "'", with: "''") + "'")
        case 2:
            var text = Self.quotedTexts[random.next(Self.quotedTexts.count)]
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\t", with: "\\t")
            for _ in 0..<random.next(3) {
                text += Self.escapes[random.next(Self.escapes.count)] + Self.words[random.next(3)]
            }
            return .scalar(tag + "\"" + text + "\"")
        case 3:
            return .scalar(tag + Self.agreeingPlain[random.next(Self.agreeingPlain.count)])
        case 4 where mappingValue:
            return .multilinePlain((0...random.next(3)).map { _ in Self.words[random.next(4)] })
        default:
            let style = random.chance(0.5) ? "|" : ">"
            let chomping = ["", "-", "+"][random.next(3)]
            var lines: [String] = []
            for _ in 0...random.next(4) {
                switch random.next(6) {
                case 0: lines.append("")
                case 1: lines.append("  more indented " + Self.words[random.next(Self.words.count)])
                default: lines.append(Self.words[random.next(Self.words.count)])
                }
            }
            if lines.first == "" || lines.first!.hasPrefix(" ") { lines[0] = "first" }
            return .blockScalar(header: style + chomping, lines: lines)
        }
    }

    private mutating func sequence(depth: Int, flow: Bool) -> Item {
        .sequence((0..<random.next(4)).map { _ in item(depth: depth, flow: flow) }, flow: flow)
    }

    private mutating func mapping(depth: Int, flow: Bool) -> Item {
        // A merge may name only anchors finished before this mapping starts: it can land before any pair.
        let available = mappingAnchors
        let others = otherAnchors
        var pairs: [(key: String, value: Item)] = []
        var used = Set<String>()
        for _ in 0..<(depth == 0 ? 2 + random.next(5) : random.next(5)) {
            var key = Self.keys[random.next(Self.keys.count)]
            if used.contains(key), !random.chance(0.02) { continue }
            used.insert(key)
            if random.chance(0.1) { key = random.chance(0.5) ? "'\(key)'" : "\"\(key)\"" }
            if random.chance(0.01) { key = "'<<'" }  // a quoted << is an ordinary key, not a merge
            if random.chance(0.005) { key = "[\(key), x]" }  // a collection key
            pairs.append((key, item(depth: depth, flow: flow, mappingValue: !flow)))
        }
        if !available.isEmpty, random.chance(0.4) {
            let merge = mergeValue(flow: flow, anchors: available, others: others)
            pairs.insert(("<<", merge), at: random.next(pairs.count + 1))
            if random.chance(0.01) { pairs.append(("<<", mergeValue(flow: flow, anchors: available, others: others))) }
        }
        return .mapping(pairs, flow: flow)
    }

    /// What `<<` merges: an alias of a mapping, a list of them (perhaps with an inline mapping), an inline
    /// mapping, or, rarely, something that is not a mapping (which both sides must refuse).
    private mutating func mergeValue(flow: Bool, anchors mappingAnchors: [String], others otherAnchors: [String])
        -> Item
    {
        switch random.next(100) {
        case 0..<50:
            return .alias(mappingAnchors[random.next(mappingAnchors.count)])
        case 50..<85:
            var items: [Item] = (0...random.next(3)).map { _ in
                .alias(mappingAnchors[random.next(mappingAnchors.count)])
            }
            if random.chance(0.2) { items.insert(mapping(depth: 4, flow: true), at: random.next(items.count + 1)) }
            return .sequence(items, flow: flow || random.chance(0.7))
        case 85..<98:
            return mapping(depth: 4, flow: flow || random.chance(0.5))
        default:
            if let other = otherAnchors.first, random.chance(0.5) { return .alias(other) }
            return .scalar("oops")
        }
    }

    // MARK: writing

    private func rootText(_ root: Item) -> String {
        guard case .mapping(let pairs, _) = root else { return "" }
        return pairs.map { "\($0.key):" + afterIndicator($0.value, indent: 0) }.joined(separator: "\n") + "\n"
    }

    /// The text after `key:` or `-` for a node whose parent line is indented by `indent`.
    private func afterIndicator(_ item: Item, indent: Int) -> String {
        let inner = String(repeating: " ", count: indent + 2)
        switch item {
        case .scalar(let text):
            return " " + text
        case .alias(let name):
            return " *" + name
        case .multilinePlain(let words):
            return " " + words.joined(separator: "\n" + inner)
        case .blockScalar(let header, let lines):
            return " " + header + "\n" + lines.map { $0.isEmpty ? "" : inner + $0 }.joined(separator: "\n")
        case .anchored(let name, let inner):
            return " &" + name + afterIndicator(inner, indent: indent)
        case .sequence(let items, let flow):
            if flow || items.isEmpty { return " " + flowText(item) }
            return items.map { "\n" + inner + "-" + afterIndicator($0, indent: indent + 2) }.joined()
        case .mapping(let pairs, let flow):
            if flow || pairs.isEmpty { return " " + flowText(item) }
            return pairs.map { "\n" + inner + $0.key + ":" + afterIndicator($0.value, indent: indent + 2) }.joined()
        }
    }

    private func flowText(_ item: Item) -> String {
        switch item {
        case .scalar(let text): return text
        case .alias(let name): return "*" + name
        case .multilinePlain(let words): return "\"" + words.joined(separator: " ") + "\""
        case .blockScalar(_, let lines):
            return "'" + lines.joined(separator: " ").replacingOccurrences(of: "'", with: "''") + "'"
        case .anchored(let name, let inner): return "&" + name + " " + flowText(inner)
        case .sequence(let items, _): return "[" + items.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let pairs, _):
            return "{" + pairs.map { $0.key + ": " + flowText($0.value) }.joined(separator: ", ") + "}"
        }
    }
}

extension SplitMix64 {
    /// A number in `0..<bound` (`bound` > 0).
    mutating func next(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }
}
