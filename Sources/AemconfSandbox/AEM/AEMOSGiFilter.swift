import Foundation

/// An OSGi filter (RFC 1960 LDAP search filter, OSGi Core §3.2.7) as Configuration Admin's
/// `listConfigurations` evaluates it: `(&…)`, `(|…)`, `(!…)`, `(attr=value)` with `*` wildcards,
/// `(attr=*)` presence, `~=`, `>=` and `<=`. Attribute names match case-insensitively; `\` escapes
/// `(`, `)`, `*` and `\` in values.
///
/// Felix's configMgr treats a selection that does not parse as a plain PID, so ``init(parsing:)``
/// answers `nil` rather than throwing.
indirect enum AEMOSGiFilter: Equatable {
    /// One piece of a value: literal text or a `*` wildcard.
    enum Part: Equatable {
        case text(String)
        case wildcard
    }

    /// The comparison of a simple item.
    enum Comparison: Equatable {
        /// `=` (substring match when the value holds a wildcard).
        case equal
        /// `~=`: equal ignoring case and white space.
        case approximate
        /// `>=`.
        case greaterOrEqual
        /// `<=`.
        case lessOrEqual
    }

    case and([AEMOSGiFilter])
    case or([AEMOSGiFilter])
    case not(AEMOSGiFilter)
    /// `(attr=*)`.
    case present(attribute: String)
    case item(attribute: String, comparison: Comparison, value: [Part])

    /// Parses `text`; `nil` when it is not a well-formed filter (trailing characters included).
    init?(parsing text: String) {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        parser.skipWhiteSpace()
        guard let filter = parser.filter() else { return nil }
        parser.skipWhiteSpace()
        guard parser.atEnd else { return nil }
        self = filter
    }

    /// Whether a dictionary of typed values matches; `attributes` keys are lower-cased names.
    func matches(_ attributes: [String: AEMOSGiConfiguration.Value]) -> Bool {
        switch self {
        case .and(let filters): return filters.allSatisfy { $0.matches(attributes) }
        case .or(let filters): return filters.contains { $0.matches(attributes) }
        case .not(let filter): return !filter.matches(attributes)
        case .present(let attribute): return attributes[attribute.lowercased()] != nil
        case .item(let attribute, let comparison, let value):
            guard let stored = attributes[attribute.lowercased()] else { return false }
            return stored.values.contains { Self.compare($0, type: stored.type, comparison, value) }
        }
    }

    /// The attributes a configuration is filtered by: `service.pid`, `service.factoryPid` and its properties.
    static func attributes(of configuration: AEMOSGiConfiguration) -> [String: AEMOSGiConfiguration.Value] {
        var result: [String: AEMOSGiConfiguration.Value] = [:]
        for property in configuration.properties { result[property.name.lowercased()] = property.value }
        result["service.pid"] = .init(type: "String", values: [configuration.pid], isArray: false)
        if let factoryPid = configuration.factoryPid {
            result["service.factorypid"] = .init(type: "String", values: [factoryPid], isArray: false)
        }
        return result
    }

    private static func compare(_ stored: String, type: String, _ comparison: Comparison, _ value: [Part]) -> Bool {
        let literal = value.map { if case .text(let text) = $0 { text } else { "*" } }.joined()
        switch type {
        case "Boolean":
            guard value.count <= 1, comparison != .greaterOrEqual, comparison != .lessOrEqual else { return false }
            return stored.lowercased() == literal.trimmingCharacters(in: .whitespaces).lowercased()
        case "Integer", "Long", "Short", "Byte", "Float", "Double":
            // Java parses the filter's value as the property's type: `Integer.valueOf("1.0")` fails.
            let number = literal.trimmingCharacters(in: .whitespaces)
            let whole = !["Float", "Double"].contains(type)
            guard value.count <= 1, let left = Double(stored), let right = Double(number),
                !whole || Int64(number) != nil
            else { return false }
            switch comparison {
            case .equal, .approximate: return left == right
            case .greaterOrEqual: return left >= right
            case .lessOrEqual: return left <= right
            }
        default:
            switch comparison {
            case .equal: return matchesPattern(stored, value)
            case .approximate: return squashed(stored) == squashed(literal)
            case .greaterOrEqual: return stored >= literal
            case .lessOrEqual: return stored <= literal
            }
        }
    }

    /// Substring match: each text part in order, anchored at the ends unless a wildcard stands there.
    private static func matchesPattern(_ text: String, _ parts: [Part]) -> Bool {
        guard parts.contains(.wildcard) else {
            if case .text(let whole)? = parts.first { return text == whole }
            return false
        }
        var rest = Substring(text)
        for (index, part) in parts.enumerated() {
            guard case .text(let piece) = part else { continue }
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == parts.count - 1 {
                return rest.hasSuffix(piece)
            } else {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return true
    }

    private static func squashed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }.map(Character.init)).lowercased()
    }

    /// A recursive-descent parser over Unicode scalars.
    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func skipWhiteSpace() {
            while let scalar = current, CharacterSet.whitespaces.contains(scalar) { index += 1 }
        }

        mutating func filter() -> AEMOSGiFilter? {
            guard current == "(" else { return nil }
            index += 1
            skipWhiteSpace()
            let result: AEMOSGiFilter?
            switch current {
            case "&":
                index += 1
                result = list().map(AEMOSGiFilter.and)
            case "|":
                index += 1
                result = list().map(AEMOSGiFilter.or)
            case "!":
                index += 1
                skipWhiteSpace()
                result = filter().map(AEMOSGiFilter.not)
            default:
                result = item()
            }
            skipWhiteSpace()
            guard let result, current == ")" else { return nil }
            index += 1
            return result
        }

        private mutating func list() -> [AEMOSGiFilter]? {
            var filters: [AEMOSGiFilter] = []
            skipWhiteSpace()
            while current == "(" {
                guard let next = filter() else { return nil }
                filters.append(next)
                skipWhiteSpace()
            }
            return filters
        }

        private mutating func item() -> AEMOSGiFilter? {
            var name = ""
            while let scalar = current, !"=<>~()".unicodeScalars.contains(scalar) {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            let attribute = name.trimmingCharacters(in: .whitespaces)
            guard !attribute.isEmpty, let operatorStart = current else { return nil }
            let comparison: Comparison
            switch operatorStart {
            case "=": comparison = .equal
            case "~": comparison = .approximate
            case ">": comparison = .greaterOrEqual
            case "<": comparison = .lessOrEqual
            default: return nil
            }
            index += 1
            if comparison != .equal {
                guard current == "=" else { return nil }
                index += 1
            }
            guard let parts = value() else { return nil }
            if comparison == .equal, parts == [.wildcard] { return .present(attribute: attribute) }
            guard comparison == .equal || !parts.contains(.wildcard) else { return nil }
            return .item(attribute: attribute, comparison: comparison, value: parts)
        }

        /// The value up to the closing parenthesis; an unescaped `(` is refused.
        private mutating func value() -> [Part]? {
            var parts: [Part] = []
            var text = ""
            while let scalar = current, scalar != ")" {
                switch scalar {
                case "(": return nil
                case "*":
                    if !text.isEmpty { parts.append(.text(text)) }
                    text = ""
                    if parts.last != .wildcard { parts.append(.wildcard) }
                case "\\":
                    index += 1
                    guard let escaped = current else { return nil }
                    text.unicodeScalars.append(escaped)
                default:
                    text.unicodeScalars.append(scalar)
                }
                index += 1
            }
            if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
            return parts
        }
    }
}
