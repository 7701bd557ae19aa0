/// QueryBuilder's property predicates (AEM's `JcrPropertyPredicateEvaluator` and `RangePropertyPredicateEvaluator`):
/// `property`/`N_property` with `.value` or several `.M_value` (any matches), `.operation=exists|not|equals`,
/// and `rangeproperty` with `lowerBound`/`upperBound` and `>`/`>=`/`<`/`<=` operations on numbers. All must hold.
struct AEMQueryPredicates {
    struct Property {
        var name: String
        var values: Set<String>
        var operation: String
    }

    struct Range {
        var name: String
        var lower: Double?
        var lowerInclusive: Bool
        var upper: Double?
        var upperInclusive: Bool
    }

    var properties: [Property] = []
    var range: Range?

    init(_ request: AEMRequest) {
        var prefixes = ["property"]
        for index in 1...9 { prefixes.append("\(index)_property") }
        for prefix in prefixes {
            guard let name = request.value(prefix), !name.isEmpty else { continue }
            var values = request.value("\(prefix).value").map { [$0] } ?? []
            var index = 1
            while let value = request.value("\(prefix).\(index)_value") {
                values.append(value)
                index += 1
            }
            properties.append(
                Property(name: name, values: Set(values), operation: request.value("\(prefix).operation") ?? "equals")
            )
        }
        if let name = request.value("rangeproperty.property"), !name.isEmpty {
            range = Range(
                name: name,
                lower: request.value("rangeproperty.lowerBound").flatMap(Double.init),
                lowerInclusive: request.value("rangeproperty.lowerOperation") == ">=",
                upper: request.value("rangeproperty.upperBound").flatMap(Double.init),
                upperInclusive: request.value("rangeproperty.upperOperation") != "<"
            )
        }
    }

    /// Whether `node` satisfies every predicate.
    func matches(_ node: AEMNode) -> Bool {
        for property in properties {
            let value = node.properties[property.name]
            switch property.operation {
            case "not":
                if value != nil { return false }
            case "exists":
                if value == nil { return false }
            default:
                guard let value else { return false }
                if !property.values.isEmpty, !value.stringValues.contains(where: property.values.contains) {
                    return false
                }
            }
        }
        if let range {
            guard let text = node.properties[range.name]?.stringValues.first, let number = Double(text) else {
                return false
            }
            if let lower = range.lower, range.lowerInclusive ? number < lower : number <= lower { return false }
            if let upper = range.upper, range.upperInclusive ? number > upper : number >= upper { return false }
        }
        return true
    }
}
