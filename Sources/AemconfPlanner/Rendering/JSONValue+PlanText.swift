import AemconfModel

extension JSONValue {
    /// Compact JSON-like text for plan output: strings quoted, lists in brackets.
    var planText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): "\"\(value)\""
        case .array(let values): "[" + values.map(\.planText).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\($0) = \(members[$0]?.planText ?? "null")" }.joined(separator: ", ") + "}"
        }
    }
}
