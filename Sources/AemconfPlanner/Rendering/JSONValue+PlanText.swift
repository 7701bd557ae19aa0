import AemconfModel

extension JSONValue {
    /// Compact one-line text for plan output: strings quoted and escaped, lists in brackets, objects in braces
    /// with sorted keys (`{enabled = true, name = "x"}`).
    var planText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Self.planText(number: value)
        case .string(let value): value.planQuoted
        case .array(let values): "[" + values.map(\.planText).joined(separator: ", ") + "]"
        case .object(let members):
            "{"
                + members.keys.sorted().map { key in
                    "\(Self.planText(key: key)) = \(members[key]?.planText ?? "null")"
                }
                .joined(separator: ", ")
                + "}"
        }
    }

    /// Integers without a fraction (`3`, not `3.0`); other numbers in Swift's shortest exact form.
    private static func planText(number value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An object key bare when it is a plain identifier, else quoted like a string.
    private static func planText(key: String) -> String {
        let isIdentifier =
            key.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        return isIdentifier ? key : key.planQuoted
    }
}
