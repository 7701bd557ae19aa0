/// The QueryBuilder predicates the sandbox evaluates, parsed from a request (aem.md §0.4): `path`, `type`,
/// `nodename`, `fulltext`, property groups (`property`, or numbered `N_property`, with `.value`, `.N_value`
/// and `.operation` = `equals` | `unequals` | `exists` | `not`), `rangeproperty` (AEM's
/// `RangePropertyPredicateEvaluator`: `.property`, `.lowerBound`/`.upperBound` with `.lowerOperation` `>` | `>=`
/// and `.upperOperation` `<` | `<=`, compared as numbers), and `orderby` (`path` or `@property`) with
/// `orderby.sort`. Every group is ANDed.
///
/// A predicate it does not evaluate is refused (``SandboxAssumptions/Item/aemQueryBuilderRefusesUnknown``):
/// silently dropping one would answer a wider result than asked for.
struct AEMQueryPredicates: Sendable {
    /// One property group.
    struct PropertyGroup: Sendable, Equatable {
        /// The property name, possibly a relative path (`jcr:content/jcr:title`).
        var name: String
        /// The values, ORed; empty means the property must exist.
        var values: [String] = []
        /// `equals` (default), `unequals`, `exists` or `not`.
        var operation = "equals"
    }

    /// A `rangeproperty` predicate.
    struct Range: Sendable, Equatable {
        var name = ""
        var lower: Double?
        var lowerInclusive = false
        var upper: Double?
        var upperInclusive = true
    }

    var root = "/"
    var type: String?
    var range: Range?
    var nodeName: String?
    var fulltext: String?
    var properties: [PropertyGroup] = []
    /// `path`, or `@name` for a property.
    var orderBy: String?
    var descending = false

    /// Result parameters (`p.*`), validated here, used by ``AEMQueryBuilder``.
    var limit = 10
    var offset = 0
    var hits = "simple"
    var selectedProperties: [String] = []

    /// Parses every parameter of `request`; throws the message of a `400` for one it does not evaluate.
    init(_ fields: [(name: String, value: String)]) throws(AEMQueryRefusal) {
        var groups: [String: PropertyGroup] = [:]
        var order: [String] = []
        func group(_ prefix: String) -> PropertyGroup {
            if groups[prefix] == nil { order.append(prefix) }
            return groups[prefix] ?? PropertyGroup(name: "")
        }
        for (name, value) in fields {
            switch name {
            case "path": root = AEMPath.normalize(value)
            case "type": type = value
            case "nodename": nodeName = value
            case "fulltext": fulltext = value
            case "orderby": orderBy = value
            case "orderby.sort":
                guard value == "asc" || value == "desc" else { throw AEMQueryRefusal("orderby.sort '\(value)'") }
                descending = value == "desc"
            case "p.limit":
                guard let number = Int(value) else { throw AEMQueryRefusal("p.limit '\(value)'") }
                limit = number
            case "p.offset":
                guard let number = Int(value), number >= 0 else { throw AEMQueryRefusal("p.offset '\(value)'") }
                offset = number
            case "p.hits":
                guard ["simple", "selective", "full"].contains(value) else {
                    throw AEMQueryRefusal("p.hits '\(value)'")
                }
                hits = value
            case "p.properties": selectedProperties = value.split(separator: " ").map(String.init)
            case "rangeproperty.property":
                range = range ?? Range()
                range?.name = value
            case "rangeproperty.lowerBound", "rangeproperty.upperBound":
                guard let number = Double(value) else { throw AEMQueryRefusal("\(name) '\(value)'") }
                var current = range ?? Range()
                if name == "rangeproperty.lowerBound" { current.lower = number } else { current.upper = number }
                range = current
            case "rangeproperty.lowerOperation":
                guard value == ">" || value == ">=" else { throw AEMQueryRefusal("\(name) '\(value)'") }
                range = range ?? Range()
                range?.lowerInclusive = value == ">="
            case "rangeproperty.upperOperation":
                guard value == "<" || value == "<=" else { throw AEMQueryRefusal("\(name) '\(value)'") }
                range = range ?? Range()
                range?.upperInclusive = value == "<="
            case "_charset_": continue
            default:
                guard let (prefix, key) = Self.propertyKey(name) else { throw AEMQueryRefusal("predicate '\(name)'") }
                var current = group(prefix)
                switch key {
                case "property": current.name = value
                case "property.value": current.values.append(value)
                case "property.operation":
                    guard ["equals", "unequals", "exists", "not"].contains(value) else {
                        throw AEMQueryRefusal("property operation '\(value)'")
                    }
                    current.operation = value
                default:
                    guard Self.isNumberedValue(key) else { throw AEMQueryRefusal("predicate '\(name)'") }
                    current.values.append(value)
                }
                groups[prefix] = current
            }
        }
        for prefix in order {
            guard let group = groups[prefix], !group.name.isEmpty else {
                throw AEMQueryRefusal("'\(prefix)property' is missing for its value or operation")
            }
            properties.append(group)
        }
        if let range, range.name.isEmpty {
            throw AEMQueryRefusal("'rangeproperty.property' is missing for its bounds")
        }
        if let orderBy, orderBy != "path", !orderBy.hasPrefix("@") {
            throw AEMQueryRefusal("orderby '\(orderBy)'")
        }
    }

    /// `property…` or `N_property…` → (`""` or `"N_"`, `property…`).
    private static func propertyKey(_ name: String) -> (String, String)? {
        if name.hasPrefix("property") { return ("", name) }
        guard let underscore = name.firstIndex(of: "_"), !name[..<underscore].isEmpty,
            name[..<underscore].allSatisfy(\.isNumber), name[name.index(after: underscore)...].hasPrefix("property")
        else { return nil }
        return (String(name[...underscore]), String(name[name.index(after: underscore)...]))
    }

    /// `property.N_value`.
    private static func isNumberedValue(_ key: String) -> Bool {
        guard key.hasPrefix("property."), key.hasSuffix("_value") else { return false }
        let number = key.dropFirst("property.".count).dropLast("_value".count)
        return !number.isEmpty && number.allSatisfy(\.isNumber)
    }

    /// Whether the node at `path` matches every predicate.
    func matches(_ path: String, in aem: AEMState) -> Bool {
        guard let node = aem.node(at: path) else { return false }
        if let type, type != "nt:base", node.primaryType != type { return false }
        if let nodeName, AEMPath.name(of: path) != nodeName { return false }
        for group in properties where !Self.matches(group, at: path, in: aem) { return false }
        if let range, !Self.matches(range, node: node) { return false }
        if let fulltext, !Self.matchesFulltext(fulltext, at: path, in: aem) { return false }
        return true
    }

    private static func matches(_ range: Range, node: AEMNode) -> Bool {
        guard let text = node.properties[range.name]?.stringValues.first, let number = Double(text) else {
            return false
        }
        if let lower = range.lower, range.lowerInclusive ? number < lower : number <= lower { return false }
        if let upper = range.upper, range.upperInclusive ? number > upper : number >= upper { return false }
        return true
    }

    private static func matches(_ group: PropertyGroup, at path: String, in aem: AEMState) -> Bool {
        let relative = AEMPath.parent(of: "/" + group.name)
        let owner = relative == "/" ? path : AEMPath.join(path, String(relative.dropFirst()))
        let value = aem.node(at: owner)?.properties[AEMPath.name(of: "/" + group.name)]
        let texts = value?.stringValues ?? []
        switch group.operation {
        case "exists": return value != nil
        case "not": return value == nil
        case "unequals": return value != nil && !group.values.contains { texts.contains($0) }
        default: return value != nil && (group.values.isEmpty || group.values.contains { texts.contains($0) })
        }
    }

    /// Every term (a quoted phrase is one term) appears, case-insensitively, in the node's name or string
    /// property values, or a page's `jcr:content` ones; a `-term` must not
    /// (``SandboxAssumptions/Item/aemQueryBuilderFulltext``).
    static func matchesFulltext(_ expression: String, at path: String, in aem: AEMState) -> Bool {
        var text = AEMPath.name(of: path).lowercased()
        for owner in [path, AEMPath.join(path, "jcr:content")] {
            guard let node = aem.node(at: owner), owner == path || aem.node(at: path)?.primaryType == "cq:Page"
            else { continue }
            for value in node.properties.values {
                text += "\n" + value.stringValues.joined(separator: "\n").lowercased()
            }
        }
        for term in terms(expression) {
            if term.hasPrefix("-"), term.count > 1 {
                if text.contains(term.dropFirst()) { return false }
            } else if !text.contains(term) {
                return false
            }
        }
        return true
    }

    private static func terms(_ expression: String) -> [String] {
        var terms: [String] = []
        let parts = expression.lowercased().split(separator: "\"", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if index % 2 == 1 {
                if !part.isEmpty { terms.append(String(part)) }
            } else {
                terms += part.split(separator: " ").map(String.init)
            }
        }
        return terms
    }

    /// `paths` in the requested order (repository order when there is no `orderby`).
    func ordered(_ paths: [String], in aem: AEMState) -> [String] {
        guard let orderBy else { return paths }
        let sorted: [String]
        if orderBy == "path" {
            sorted = paths.sorted()
        } else {
            let name = String(orderBy.dropFirst())
            func key(_ path: String) -> String {
                let relative = AEMPath.parent(of: "/" + name)
                let owner = relative == "/" ? path : AEMPath.join(path, String(relative.dropFirst()))
                return aem.node(at: owner)?.properties[AEMPath.name(of: "/" + name)]?.stringValues.first ?? ""
            }
            sorted = paths.enumerated().sorted { lhs, rhs in
                let (left, right) = (key(lhs.element), key(rhs.element))
                return left == right ? lhs.offset < rhs.offset : left < right
            }.map(\.element)
        }
        return descending ? sorted.reversed() : sorted
    }
}

/// A QueryBuilder parameter the sandbox does not evaluate: answered with `400`.
struct AEMQueryRefusal: Error, Sendable {
    let message: String

    init(_ what: String) {
        message = "QueryBuilder: the sandbox does not evaluate \(what); refused rather than answering a wider result"
    }
}
