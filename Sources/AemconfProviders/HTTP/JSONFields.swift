import AemconfModel

/// The members of one JSON object, read the way a synthesized `Decodable` init reads them through `JSONDecoder`:
/// the clients' fast decoders build their models from a parsed ``JSONValue`` with it.
///
/// It reads only what has one answer: anything where `JSONDecoder`'s could differ or be an error (a member of
/// another type, a number that is not an integer below 2^53 in magnitude, a console id sent as a number) throws
/// ``Unsupported``, and the caller leaves the whole body to `JSONDecoder` (``ServiceResponse/decode(_:fast:)``).
struct JSONFields {
    /// This reader cannot promise `JSONDecoder`'s answer for the body.
    struct Unsupported: Error {}

    private let members: [String: JSONValue]

    /// The members of `value`, which must be an object.
    init(_ value: JSONValue) throws {
        guard case .object(let members) = value else { throw Unsupported() }
        self.members = members
    }

    /// The member `key` unless it is missing or `null` (what `decodeIfPresent` treats as absent).
    private func present(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// A required string.
    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw Unsupported() }
        return value
    }

    /// An optional string.
    func optionalString(_ key: String) throws -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw Unsupported() }
        return text
    }

    /// An optional Boolean.
    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else { throw Unsupported() }
        return flag
    }

    /// A required number.
    func double(_ key: String) throws -> Double {
        guard case .number(let number)? = present(key) else { throw Unsupported() }
        return number
    }

    /// An optional integer. `JSONDecoder` reads `3` and `3.0` as 3 and refuses `3.5`; a double holds every integer
    /// below 2^53 exactly, so only those are read here.
    func optionalInteger<Integer: FixedWidthInteger>(_ key: String, as type: Integer.Type) throws -> Integer? {
        guard let value = present(key) else { return nil }
        guard case .number(let number) = value, number.magnitude < 9_007_199_254_740_992,
            let integer = Integer(exactly: number)
        else { throw Unsupported() }
        return integer
    }

    /// An optional member kept as JSON.
    func optionalJSON(_ key: String) -> JSONValue? {
        present(key)
    }

    /// A required array, each element read by `element`.
    func array<Element>(_ key: String, _ element: (JSONValue) throws -> Element) throws -> [Element] {
        guard let elements = try optionalArray(key, element) else { throw Unsupported() }
        return elements
    }

    /// An optional array, each element read by `element`.
    func optionalArray<Element>(_ key: String, _ element: (JSONValue) throws -> Element) throws -> [Element]? {
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value else { throw Unsupported() }
        return try elements.map(element)
    }

    /// A required console id (``ConsoleID``), when the console sent it as a string.
    func consoleID(_ key: String) throws -> String {
        try string(key)
    }

    /// An optional console id (``OptionalConsoleID``), when the console sent it as a string.
    func optionalConsoleID(_ key: String) throws -> String? {
        try optionalString(key)
    }

    /// An array element that must be a string.
    static func string(_ value: JSONValue) throws -> String {
        guard case .string(let text) = value else { throw Unsupported() }
        return text
    }
}
