import AemconfTestSupport
import AemconfYAML
import Foundation

@testable import AemconfModel

/// The differential oracle: aemconf's front end (YAMLParser's node tree, with aliases and `<<` merges applied
/// by the parser and plain scalars typed as the config decoder types them) against PyYAML's SafeLoader
/// (scripts/lib/yaml_oracle.py). Documents are batched through one Python process.
enum YAMLOracle {
    /// A typed value, as the Python side reports it.
    indirect enum Value: Equatable, CustomStringConvertible {
        case null
        case bool(Bool)
        case int(String)
        case float(Double)
        case string(String)
        case other(String)
        case sequence([Value])
        case mapping([(key: Value, value: Value)])

        static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): return true
            case (.bool(let l), .bool(let r)): return l == r
            case (.int(let l), .int(let r)): return l == r
            case (.float(let l), .float(let r)): return l == r || (l.isNaN && r.isNaN)
            case (.string(let l), .string(let r)), (.other(let l), .other(let r)): return l == r
            case (.sequence(let l), .sequence(let r)): return l == r
            case (.mapping(let l), .mapping(let r)):
                return l.count == r.count
                    && l.allSatisfy { pair in r.contains { $0.key == pair.key && $0.value == pair.value } }
            default: return false
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .bool(let value): "\(value)"
            case .int(let text): text
            case .float(let value): "\(value) (float)"
            case .string(let text): "\"\(text)\""
            case .other(let text): "<\(text)>"
            case .sequence(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            case .mapping(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
            }
        }

        /// Reads the Python side's typed JSON (see scripts/lib/yaml_oracle.py).
        init(python json: Any) throws {
            guard let array = json as? [Any], let kind = array.first as? String else {
                throw OracleError("bad value \(json)")
            }
            switch kind {
            case "null": self = .null
            case "bool": self = .bool(array[1] as? Bool ?? false)
            case "int": self = .int(array[1] as? String ?? "")
            case "float":
                if let text = array[1] as? String {
                    self = .float(text == "nan" ? .nan : (text == "inf" ? .infinity : -.infinity))
                } else {
                    self = .float((array[1] as? NSNumber)?.doubleValue ?? .nan)
                }
            case "str": self = .string(array[1] as? String ?? "")
            case "seq": self = .sequence(try (array[1] as? [Any] ?? []).map { try Value(python: $0) })
            case "map":
                self = .mapping(
                    try (array[1] as? [[Any]] ?? []).map {
                        (key: try Value(python: $0[0]), value: try Value(python: $0[1]))
                    }
                )
            default: self = .other(array[1] as? String ?? kind)
            }
        }
    }

    struct OracleError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A scalar as aemconf's config decoder reads it: null, a boolean, a whole number, another number, or a
    /// string (any quoted scalar, and every scalar the decoder does not type).
    static func value(ofScalar node: Node) -> Value {
        guard case .scalar(let scalar) = node.content else { return .other("collection") }
        if node.isNull { return .null }
        switch node.kindDescription {
        case "a boolean": return .bool(Node.booleanValue(scalar.value) ?? false)
        case "a number":
            if let integer = Int(scalar.value) { return .int(String(integer)) }
            return .float(Double(scalar.value) ?? .nan)
        default: return .string(scalar.value)
        }
    }

    /// How one case ended.
    enum Outcome: Equatable {
        /// Both sides gave the same tree, or both refused the document.
        case agree
        /// A documented, deliberate difference (its name).
        case deliberate(String)
        /// A disagreement nobody has explained: a bug on one side.
        case disagree(String)
    }

    /// Compares aemconf's reading of `text` with the Python side's line for it.
    static func compare(_ text: String, python: [String: Any]) throws -> (outcome: Outcome, deliberate: [String]) {
        let mine: Result<Node?, YAMLError>
        do {
            mine = .success(try YAMLParser.parseSingleDocument(text, file: "case.yaml"))
        } catch let error as YAMLError {
            mine = .failure(error)
        }
        if case .failure(let error) = mine {
            do {
                _ = try YAMLParser.parseSingleDocument(
                    bytes: Array(text.utf8), file: "case.yaml", streamingEntriesOf: streamedCollections
                ) { _, _ in }
                return (.disagree("streaming accepts what the whole-tree parse refuses (\(error))"), [])
            } catch {
                // Both refuse; which error comes first may differ (streaming checks a key as soon as its
                // entry ends, the whole tree when the mapping does).
            }
        }
        switch (mine, python["ok"], python["error"] as? String) {
        case (.failure, nil, .some):
            return (.agree, [])
        case (.failure(let error), .some, _):
            if error.code == .duplicateKey {
                guard duplicateIsReal(text, error) else {
                    return (.disagree("a duplicate key that is none: \(error)"), [])
                }
                return (.deliberate("duplicate key"), ["duplicate key"])
            }
            return (.disagree("aemconf refuses (\(error)), PyYAML accepts"), [])
        case (.success(let node), nil, let message):
            if message?.contains("found unhashable key") == true, let node, hasCollectionKey(node) {
                return (.deliberate("collection key"), ["collection key"])
            }
            return (.disagree("aemconf accepts, PyYAML refuses: \(message ?? "?")"), [])
        case (.success(let node), .some(let json), _):
            if let problem = streamingProblem(text, wholeTree: node) { return (.disagree(problem), []) }
            let theirs = try Value(python: json)
            var notes: [String] = []
            guard let node else {
                return (theirs == .null ? .agree : .disagree("aemconf sees no document, PyYAML \(theirs)"), [])
            }
            if let problem = compare(node, theirs, path: "$", notes: &notes) {
                return (.disagree(problem), notes)
            }
            return (notes.isEmpty ? .agree : .deliberate(notes[0]), notes)
        case (.failure(let error), nil, nil):
            return (.disagree("aemconf refuses (\(error)), PyYAML answered nothing"), [])
        }
    }

    /// The first difference between `node` and `theirs` that no documented difference explains, or `nil`;
    /// explained differences are added to `notes`.
    static func compare(_ node: Node, _ theirs: Value, path: String, notes: inout [String]) -> String? {
        switch (node.content, theirs) {
        case (.sequence(let items), .sequence(let others)):
            guard items.count == others.count else { return "\(path): \(items.count) items, PyYAML \(others.count)" }
            for (index, (item, other)) in zip(items, others).enumerated() {
                if let problem = compare(item, other, path: "\(path)[\(index)]", notes: &notes) { return problem }
            }
            return nil
        case (.mapping(let pairs), .mapping(let others)):
            guard pairs.count == others.count else {
                return "\(path): keys \(pairs.map { value(ofKey: $0.key) }), PyYAML \(others.map(\.key))"
            }
            for pair in pairs {
                let key = value(ofKey: pair.key)
                guard let other = others.first(where: { $0.key == key }) else {
                    return "\(path): key \(key) missing in PyYAML's \(others.map(\.key))"
                }
                if let problem = compare(pair.value, other.value, path: "\(path).\(key)", notes: &notes) {
                    return problem
                }
            }
            return nil
        case (.scalar(let scalar), _):
            let mine = value(ofScalar: node)
            if mine == theirs { return nil }
            if scalar.style == .plain, node.tag == nil, let reason = schemaDifference(scalar.value, mine: mine) {
                notes.append(reason)
                return nil
            }
            return "\(path): aemconf \(mine) (\(scalar.style)\(node.tag.map { ", tag \($0)" } ?? "")), PyYAML \(theirs)"
        default:
            return "\(path): aemconf \(node.kindDescription), PyYAML \(theirs)"
        }
    }

    /// The keys whose top-level mappings the streaming comparison streams: every key the generator writes.
    static let streamedCollections: Set<String> = [
        "a", "b", "c", "d", "name", "port", "url", "x-y", "list", "enabled", "k1", "k2",
    ]

    /// Compares the config loader's way of reading (`parseSingleDocument` streaming the entries of top-level
    /// mappings, as `ConfigDecoder.add(yaml:file:)` does) with the whole tree, once the streamed entries are put
    /// back: the same tree, or `nil`; otherwise what differs.
    static func streamingProblem(_ text: String, wholeTree: Node?) -> String? {
        var streamed: [String: [Pair]] = [:]
        let root: Node?
        do {
            root = try YAMLParser.parseSingleDocument(
                bytes: Array(text.utf8),
                file: "case.yaml",
                streamingEntriesOf: streamedCollections
            ) { collection, entry in
                streamed[collection.scalar?.value ?? "", default: []].append(entry)
            }
        } catch {
            return "streaming refuses (\(error)) what the whole-tree parse accepts"
        }
        guard var root, let wholeTree else {
            return root == nil && wholeTree == nil ? nil : "streaming: one tree is missing"
        }
        if case .mapping(var pairs) = root.content {
            for index in pairs.indices {
                guard let key = pairs[index].key.scalar?.value, let entries = streamed[key],
                    case .mapping(let kept) = pairs[index].value.content
                else { continue }
                pairs[index].value.content = .mapping(entries + kept)
            }
            root.content = .mapping(pairs)
        }
        let (streamedValue, wholeValue) = (resolve(root), resolve(wholeTree))
        return streamedValue == wholeValue ? nil : "streaming gives \(streamedValue), the whole tree \(wholeValue)"
    }

    /// A node as a value (mappings by key text, scalars typed as the decoder types them).
    static func resolve(_ node: Node) -> Value {
        switch node.content {
        case .scalar: return value(ofScalar: node)
        case .sequence(let items): return .sequence(items.map(resolve))
        case .mapping(let pairs): return .mapping(pairs.map { (key: value(ofKey: $0.key), value: resolve($0.value)) })
        }
    }

    /// Whether the two keys a duplicate-key error names are written alike: the same text once unquoted, and
    /// either both the merge key (a plain `<<`) or neither. (Generated keys are words, `'<<'` or `[word, x]`.)
    static func duplicateIsReal(_ text: String, _ error: YAMLError) -> Bool {
        guard let related = error.relatedMark else { return false }
        // Split on scalars: "\r\n" is one Character.
        let lines = text.unicodeScalars.filter { $0 != "\u{FEFF}" && $0 != "\r" }.split(
            separator: "\n", omittingEmptySubsequences: false)
        func token(_ mark: Mark) -> (text: String, isMerge: Bool)? {
            guard mark.line >= 1, mark.line <= lines.count else { return nil }
            let scalars = Array(lines[mark.line - 1]).dropFirst(mark.column - 1)
            var raw = String(String.UnicodeScalarView(scalars))
            if raw.hasPrefix("[") { return (String(raw.prefix { $0 != "]" }), false) }
            if let quote = raw.first, quote == "'" || quote == "\"" {
                raw.removeFirst()
                return (String(raw.prefix { $0 != quote }), false)
            }
            let plain = String(raw.prefix { $0 != ":" })
            return (plain, plain == "<<")
        }
        guard let second = token(error.mark), let first = token(related) else { return false }
        return second == first
    }

    /// Whether a mapping in `node` has a sequence or mapping as a key (PyYAML refuses them: unhashable).
    static func hasCollectionKey(_ node: Node) -> Bool {
        switch node.content {
        case .scalar: return false
        case .sequence(let items): return items.contains(where: hasCollectionKey)
        case .mapping(let pairs):
            return pairs.contains { pair in
                if case .scalar = pair.key.content { return hasCollectionKey(pair.value) }
                return true
            }
        }
    }

    /// A key as both sides name it: its text (aemconf's keys are strings).
    static func value(ofKey node: Node) -> Value {
        if case .scalar(let scalar) = node.content { return .string(scalar.value) }
        return .other("collection key")
    }

    /// Why PyYAML may type the plain scalar `text` differently, when it is a deliberate difference
    /// (docs/config.md, "YAML dialect"): aemconf reads the YAML 1.2 core schema, PyYAML YAML 1.1, whose
    /// implicit types add yes/no/on/off booleans, octal `010`, hex, binary, `_` separators, base-60 `1:30`,
    /// `.inf`/`.nan`, timestamps and exponents only after a dot; and a whole number beyond 64 bits is a
    /// number to aemconf, not a whole number.
    static func schemaDifference(_ text: String, mine: Value) -> String? {
        if case .float = mine, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) {
            return "integer beyond 64 bits"
        }
        let patterns = [
            "^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$",
            "^[-+]?(?:0b[0-1_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|[0-9][0-9_]*_[0-9_]*)$",
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
            "^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?",
            // The core schema reads a signed number without a digit before the dot; YAML 1.1 a string.
            "^[-+]\\.[0-9]+$",
        ]
        for pattern in patterns where text.range(of: pattern, options: .regularExpression) != nil {
            return "YAML 1.1 scalar typing"
        }
        return nil
    }

    /// Writes `documents` to a temporary directory, runs the Python side once over all of them and returns
    /// its answer for each.
    static func python(_ documents: [String]) async throws -> [[String: Any]] {
        try await TemporaryDirectory.with(prefix: "aemconf-oracle") { directory in
            for (index, document) in documents.enumerated() {
                try Data(document.utf8).write(to: URL(fileURLWithPath: directory.path("\(index).yaml")))
            }
            let script = BuiltProduct.repositoryRoot + "/scripts/lib/yaml_oracle.py"
            let result = try await ChildProcess.run(
                executable: "/usr/bin/env",
                arguments: ["python3", script, directory.path, String(documents.count)],
                timeout: .seconds(600)
            )
            guard result.status == 0 else {
                throw OracleError("python3 \(script) failed (\(result.status)): \(result.standardError)")
            }
            let lines = result.standardOutput.split(separator: "\n")
            guard lines.count == documents.count else {
                throw OracleError(
                    "python3 answered \(lines.count) of \(documents.count) documents: \(result.standardError)")
            }
            return try lines.map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw OracleError("bad line \(line)")
                }
                return object
            }
        }
    }
}
