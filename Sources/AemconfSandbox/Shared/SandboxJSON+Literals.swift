/// Literal syntax for building answers: `["id": "1", "enabled": true, "size": 50]`.
extension SandboxJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    public init(arrayLiteral elements: SandboxJSON...) { self = .array(elements) }
    /// An object.
    public init(dictionaryLiteral elements: (String, SandboxJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }

    /// A string, or `null` for `nil`.
    public static func optional(_ value: String?) -> SandboxJSON {
        value.map(SandboxJSON.string) ?? .null
    }

    /// An array of strings.
    public static func strings(_ values: [String]) -> SandboxJSON {
        .array(values.map(SandboxJSON.string))
    }
}
