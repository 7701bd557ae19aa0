import AemconfYAML

/// The keys of one object of the config language and how to read them; the single source of truth for
/// which keys exist (unknown-key errors, suggestions and the JSON Schema agreement test all use it).
struct ObjectSchema<Model>: Sendable {
    /// Checks that span several keys of one object, run after its keys are read.
    typealias Rules = @Sendable (inout Model, ObjectMarks, DiagnosticSubject, inout DecodingContext) -> Void

    /// The object's name (its `$defs` name in the JSON Schema).
    let definition: String
    /// The keys, in declaration order.
    let fields: [FieldSpec<Model>]
    /// Whether `x-…` keys are accepted and ignored.
    let allowsExtensionKeys: Bool
    /// Cross-key checks.
    let rules: Rules?
    private let index: [String: Int]
    private let lookup: KeyLookup

    init(_ definition: String, allowsExtensionKeys: Bool = false, fields: [FieldSpec<Model>], rules: Rules? = nil) {
        precondition(fields.count <= 64, "an object schema holds at most 64 keys")
        self.definition = definition
        self.fields = fields
        self.allowsExtensionKeys = allowsExtensionKeys
        self.rules = rules
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            index[field.key] = position
        }
        self.index = index
        self.lookup = KeyLookup(fields.map(\.key))
    }

    /// The public description of this object.
    var description: ObjectDescription {
        ObjectDescription(
            definition: definition,
            fields: fields.map { FieldDescription(key: $0.key, isRequired: $0.isRequired, shape: $0.kind.description) },
            allowsExtensionKeys: allowsExtensionKeys
        )
    }

    /// Reads `node` (which must be a mapping) into `model`. Missing required keys are reported at `anchor`
    /// (the key that holds this object). Returns `false` when `node` is not a mapping.
    @discardableResult
    func decode(
        _ node: Node,
        into model: inout Model,
        subject: DiagnosticSubject,
        anchor: Node,
        context: inout DecodingContext
    ) -> Bool {
        guard case .mapping(let pairs) = node.content else {
            if node.isNull {
                report(missingRequiredIn: 0, subject: subject, anchor: anchor, context: &context)
                return false
            }
            context.report(.expectedMapping(for: subject, found: node.valueDescription, at: node.location))
            return false
        }
        var seen: UInt64 = 0
        var marks = ObjectMarks(lookup: lookup, pairs: pairs)
        for (pairIndex, pair) in pairs.enumerated() {
            guard let key = pair.key.scalar?.value else {
                context.report(.nonScalarKey(in: subject, found: pair.key.kindDescription, at: pair.key.location))
                continue
            }
            guard let position = lookup.position(of: key) else {
                if allowsExtensionKeys, key.hasPrefix("x-") { continue }
                reportUnknownKey(key, pair: pair, subject: subject, context: &context)
                continue
            }
            seen |= 1 << UInt64(position)
            if rules != nil { marks.record(position, pair: pairIndex) }
            if pair.value.isNull {
                if fields[position].isRequired {
                    context.report(.missingValue(key, in: subject, at: pair.key.location))
                }
                continue
            }
            fields[position].decode(&model, pair.key, pair.value, subject, &context)
        }
        report(missingRequiredIn: seen, subject: subject, anchor: anchor, context: &context)
        rules?(&model, marks, subject, &context)
        return true
    }

    private func report(
        missingRequiredIn seen: UInt64, subject: DiagnosticSubject, anchor: Node, context: inout DecodingContext
    ) {
        for (position, field) in fields.enumerated() where field.isRequired && seen & (1 << UInt64(position)) == 0 {
            context.report(.missingKey(field.key, in: subject, at: anchor.location))
        }
    }

    private func reportUnknownKey(_ key: String, pair: Pair, subject: DiagnosticSubject, context: inout DecodingContext)
    {
        let suggestion = KeySuggestion.closest(to: key, in: fields.lazy.map(\.key))
        let suggestedField = suggestion.flatMap { index[$0] }.map { fields[$0] }
        if suggestedField?.isSecret == true || Self.looksSecret(key) {
            context.markSensitive(pair.value)
        }
        context.report(.unknownKey(key, in: subject, suggestion: suggestion, at: pair.key.location))
    }

    /// Keys whose values are masked in quoted source lines even when the key itself is unknown.
    static func looksSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["secret", "password", "passwd", "token", "privatekey", "private_key", "apikey"].contains {
            lowered.contains($0)
        }
    }
}

/// Where each key of one decoded object was written (for rules that point at a specific key or value).
///
/// Positions are computed only when asked: a parsed node turns its position into a line and column on
/// demand, and rules need one only when they report something.
struct ObjectMarks: Sendable {
    private let lookup: KeyLookup
    private let pairs: [Pair]
    /// The pair index of each field position, -1 when absent; inline (an object has at most 64 keys), so
    /// decoding an object allocates nothing for it.
    private var slots = InlineArray<64, Int32>(repeating: -1)

    init(lookup: KeyLookup, pairs: [Pair]) {
        self.lookup = lookup
        self.pairs = pairs
    }

    mutating func record(_ position: Int, pair: Int) {
        slots[position] = Int32(truncatingIfNeeded: pair)
    }

    private func pair(_ key: String) -> Pair? {
        guard let position = lookup.position(of: key), slots[position] >= 0 else { return nil }
        return pairs[Int(slots[position])]
    }

    /// Whether `key` is present.
    func has(_ key: String) -> Bool { pair(key) != nil }

    /// Where `key` is written, if present.
    func key(_ key: String) -> SourceLocation? { pair(key)?.key.location }

    /// Where the value of `key` starts, if present.
    func value(_ key: String) -> SourceLocation? { pair(key)?.value.location }

    /// The value node of `key`, if present.
    func valueNode(_ key: String) -> Node? { pair(key)?.value }
}

/// Finds a key's position among a handful of keys faster than a hashed dictionary: candidates are
/// bucketed by UTF-8 length, then compared directly (no hashing per lookup).
struct KeyLookup: Sendable {
    private var buckets: [[(key: String, position: Int)]]

    init(_ keys: [String]) {
        let longest = keys.map(\.utf8.count).max() ?? 0
        buckets = Array(repeating: [], count: longest + 1)
        for (position, key) in keys.enumerated() {
            buckets[key.utf8.count].append((key, position))
        }
    }

    func position(of key: String) -> Int? {
        let length = key.utf8.count
        guard length < buckets.count else { return nil }
        for candidate in buckets[length] where candidate.key == key {
            return candidate.position
        }
        return nil
    }
}
