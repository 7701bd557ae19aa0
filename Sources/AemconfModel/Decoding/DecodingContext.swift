import AemconfYAML

/// What decoding accumulates while it walks the node trees: diagnostics, the spans of secret literals
/// to mask when a source line is quoted, and the unique values seen so far.
struct DecodingContext {
    /// Every problem found, in the order found.
    var diagnostics: [Diagnostic] = []
    /// Spans of text that may hold a secret (literal secrets, values of misspelt secret keys).
    var sensitiveRanges: [SourceRange] = []
    /// First use of each value that must be unique, one table per ``UniqueNamespace``.
    private var uniqueValues: [[String: Int32]] = Array(repeating: [:], count: UniqueNamespace.allCases.count)
    /// The claims `uniqueValues` points into (kept apart so the tables stay small and cheap to grow).
    private var claims: [UniqueClaim] = []
    /// Whether a file exists (injected: decoding itself does no I/O).
    let fileExists: @Sendable (String) -> Bool

    /// Creates a context.
    init(fileExists: @escaping @Sendable (String) -> Bool) {
        self.fileExists = fileExists
    }

    /// Records a problem.
    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records that `node`'s text may be a secret.
    mutating func markSensitive(_ node: Node) {
        sensitiveRanges.append(node.range)
    }

    /// Records a value that must be unique within `namespace`; reports a duplicate where `place` is.
    mutating func claimUnique(
        _ value: String,
        namespace: UniqueNamespace,
        key: String,
        subject: DiagnosticSubject,
        at place: UniqueClaim.Place
    ) {
        let next = Int32(truncatingIfNeeded: claims.count)
        if let first = uniqueValues[namespace.rawValue].updateValue(next, forKey: value) {
            uniqueValues[namespace.rawValue][value] = first
            let claim = claims[Int(first)]
            report(
                .duplicateUniqueValue(
                    value, key: key, in: subject, usedBy: claim.subject, firstAt: claim.place.location,
                    at: place.location))
        } else {
            claims.append(UniqueClaim(subject: subject, place: place))
        }
    }

    /// How far decoding has got: what ``rollBack(to:)`` returns to.
    struct Checkpoint {
        fileprivate var diagnosticCount: Int
        fileprivate var claimCount: Int
    }

    /// The current checkpoint.
    var checkpoint: Checkpoint {
        Checkpoint(diagnosticCount: diagnostics.count, claimCount: claims.count)
    }

    /// Forgets the diagnostics and unique values recorded since `checkpoint`. Sensitive spans are kept:
    /// masking more of a quoted line than needed is harmless, masking less is not.
    mutating func rollBack(to checkpoint: Checkpoint) {
        diagnostics.removeSubrange(checkpoint.diagnosticCount...)
        // Rare (a file that does not parse), so the tables are filtered rather than each claim remembering
        // its value and namespace.
        if claims.count > checkpoint.claimCount {
            let kept = Int32(truncatingIfNeeded: checkpoint.claimCount)
            for namespace in uniqueValues.indices {
                uniqueValues[namespace] = uniqueValues[namespace].filter { $0.value < kept }
            }
            claims.removeSubrange(checkpoint.claimCount...)
        }
    }

    /// Makes room for `count` more unique values in `namespace`.
    mutating func reserveUnique(_ count: Int, in namespace: UniqueNamespace) {
        uniqueValues[namespace.rawValue].reserveCapacity(uniqueValues[namespace.rawValue].count + count)
        claims.reserveCapacity(claims.count + count)
    }

    // MARK: readers (each reports its own problem and returns nil)

    /// A scalar's text (any style: `clientCode: 12345` is the string "12345").
    mutating func string(_ node: Node, key: String, subject: DiagnosticSubject) -> String? {
        if let scalar = node.scalar { return scalar.value }
        report(.wrongType(key, in: subject, expected: "a string", found: node.kindDescription, at: node.location))
        return nil
    }

    /// A string checked against `format`.
    mutating func string(_ node: Node, key: String, subject: DiagnosticSubject, format: ValueFormat) -> String? {
        guard let value = string(node, key: key, subject: subject) else { return nil }
        check(value, format: format, key: key, subject: subject, at: node)
        return value
    }

    /// Reports `value` (written at `node`) when it does not match `format`.
    mutating func check(_ value: String, format: ValueFormat, key: String, subject: DiagnosticSubject, at node: Node) {
        switch format {
        case .text:
            return
        case .url:
            if let problem = ValueFormat.urlProblem(value) {
                // `https://admin:pw@author…`: the user-info is a credential; neither the message nor the quoted
                // line may show it.
                let masked = ValueFormat.maskingUserInfo(value)
                if masked != value { markSensitive(node) }
                report(.invalidURL(masked, for: key, in: subject, reason: problem, at: node.location))
            }
        case .orgID:
            if !ValueFormat.isOrgID(value) { report(.invalidOrgID(value, for: key, in: subject, at: node.location)) }
        case .name, .consoleName, .identifier, .repositoryPath:
            if !format.accepts(value) {
                report(
                    .invalidName(value, for: "value for '\(key)' in \(subject)", rule: format.rule, at: node.location))
            }
        }
    }

    /// A plain `true`/`false`.
    mutating func boolean(_ node: Node, key: String, subject: DiagnosticSubject) -> Bool? {
        if let scalar = node.scalar {
            if node.isImplicitlyTyped, let value = Node.booleanValue(scalar.value) { return value }
            let hint: String?
            if !node.isImplicitlyTyped, Node.booleanValue(scalar.value) != nil {
                hint = scalar.style == .plain ? "remove the '!!str' tag" : "remove the quotes"
            } else {
                switch scalar.value.lowercased() {
                case "yes", "on", "y": hint = "write 'true'"
                case "no", "off", "n": hint = "write 'false'"
                default: hint = nil
                }
            }
            report(
                .wrongType(
                    key, in: subject, expected: "a boolean ('true' or 'false')", found: node.valueDescription,
                    hint: hint, at: node.location))
            return nil
        }
        report(
            .wrongType(
                key, in: subject, expected: "a boolean ('true' or 'false')", found: node.kindDescription,
                at: node.location))
        return nil
    }

    /// A plain decimal integer within `range`.
    mutating func integer(_ node: Node, key: String, subject: DiagnosticSubject, range: ClosedRange<Int>) -> Int? {
        guard let scalar = node.scalar, node.isImplicitlyTyped, let value = Int(scalar.value) else {
            let hint = node.scalar.flatMap { scalar in
                Int(scalar.value) == nil
                    ? nil : (scalar.style == .plain ? "remove the '!!str' tag" : "remove the quotes")
            }
            report(
                .wrongType(
                    key, in: subject, expected: "a whole number", found: node.valueDescription, hint: hint,
                    at: node.location))
            return nil
        }
        guard range.contains(value) else {
            let text =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            report(.outOfRange(value, for: key, in: subject, range: text, at: node.location))
            return nil
        }
        return value
    }

    /// One of an enumeration's spellings.
    mutating func enumeration<E: ConfigEnumeration>(
        _ node: Node, key: String, subject: DiagnosticSubject, as type: E.Type
    ) -> E? {
        guard let text = string(node, key: key, subject: subject) else { return nil }
        if let value = E(rawValue: text) { return value }
        let suggestion = KeySuggestion.closest(to: text, in: E.allowedValues)
        report(
            .invalidValue(
                text, for: key, in: subject, allowed: E.allowedValues, suggestion: suggestion, at: node.location))
        return nil
    }

    /// A list of strings (each checked against `format`).
    mutating func stringList(_ node: Node, key: String, subject: DiagnosticSubject, format: ValueFormat = .text)
        -> [String]?
    {
        guard case .sequence(let items) = node.content else {
            report(
                .wrongType(
                    key, in: subject, expected: "a list of strings", found: node.kindDescription, at: node.location))
            return nil
        }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let scalar = item.scalar, !item.isNull else {
                report(
                    .wrongItemType(
                        key, in: subject, expected: "a string", found: item.kindDescription, at: item.location))
                continue
            }
            check(scalar.value, format: format, key: key, subject: subject, at: item)
            result.append(scalar.value)
        }
        return result
    }

    /// A `${env:…}`/`${file:…}` reference; a literal is reported (never quoted) and its text marked sensitive.
    mutating func secret(_ node: Node, key: String, subject: DiagnosticSubject) -> SecretReference? {
        guard let scalar = node.scalar else {
            // A secret written as a list or a mapping is still a secret: every line of it is masked.
            markSensitive(node)
            report(
                .wrongType(
                    key, in: subject, expected: "a secret reference such as '${env:NAME}'", found: node.kindDescription,
                    at: node.location))
            return nil
        }
        switch SecretReference.parse(scalar.value, baseDirectory: Self.directory(of: node.mark.file)) {
        case .reference(let source):
            return SecretReference(source: source, location: node.location)
        case .malformedReference:
            markSensitive(node)
            report(.invalidSecretReference(key, in: subject, at: node.location))
        case .literal:
            markSensitive(node)
            report(
                .literalSecret(
                    key, in: subject, suggestedVariable: Self.variableName(key: key, subject: subject),
                    at: node.location))
        }
        return nil
    }

    /// A resource name referring to a resource of `kind`.
    mutating func reference(_ node: Node, key: String, subject: DiagnosticSubject, kind: ResourceKind)
        -> ResourceReference?
    {
        guard let name = string(node, key: key, subject: subject) else { return nil }
        return ResourceReference(address: ResourceAddress(kind: kind, name: name), location: node.location)
    }

    /// A list of `<kind>.<name>` addresses.
    mutating func addressList(_ node: Node, key: String, subject: DiagnosticSubject) -> [ResourceReference]? {
        guard case .sequence(let items) = node.content else {
            report(
                .wrongType(
                    key, in: subject, expected: "a list of resource addresses", found: node.kindDescription,
                    at: node.location))
            return nil
        }
        var result: [ResourceReference] = []
        for item in items {
            guard let scalar = item.scalar, !item.isNull else {
                report(
                    .wrongItemType(
                        key, in: subject, expected: "a resource address", found: item.kindDescription, at: item.location
                    ))
                continue
            }
            guard let address = ResourceAddress(scalar.value) else {
                report(.invalidAddress(scalar.value, for: key, in: subject, at: item.location))
                continue
            }
            result.append(ResourceReference(address: address, location: item.location))
        }
        return result
    }

    // MARK: helpers

    /// The directory part of a path ("" for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` resolved against the directory of `file` (absolute paths stay as they are).
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = directory(of: file)
        return directory.isEmpty ? path : directory + "/" + path
    }

    /// An environment-variable name to suggest for a secret field (`AEM_PASSWORD`, `TARGET_PROD_CLIENT_SECRET`).
    static func variableName(key: String, subject: DiagnosticSubject) -> String {
        var parts: [String] = []
        switch subject.base {
        case .root: break
        case .block(let name): parts.append(name)
        case .resource(_, let name): parts.append(name)
        }
        if let field = subject.field { parts.append(field) }
        parts.append(key)
        var result = ""
        for part in parts {
            if !result.isEmpty { result.append("_") }
            var previousLower = false
            for scalar in part.unicodeScalars {
                if scalar.isASCII, scalar.properties.isUppercase, previousLower {
                    result.append("_")
                }
                if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    result.unicodeScalars.append(contentsOf: String(scalar).uppercased().unicodeScalars)
                    previousLower = scalar.properties.isLowercase
                } else {
                    if result.last != "_" { result.append("_") }
                    previousLower = false
                }
            }
        }
        return result
    }
}

/// The kinds of values that must be unique across a config.
enum UniqueNamespace: Int, CaseIterable {
    case integrationName, certificateAlias, pageName
}

/// The first use of a unique value: who used it and where (a location computed only if reported).
struct UniqueClaim: Sendable {
    /// Where a value is written.
    enum Place: Sendable {
        case node(Node)
        case location(SourceLocation)

        var location: SourceLocation {
            switch self {
            case .node(let node): node.location
            case .location(let location): location
            }
        }
    }

    var subject: DiagnosticSubject
    var place: Place
}
