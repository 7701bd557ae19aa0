/// The address of one resource, written `<kind>.<name>` (`targetCloudServices.wknd`).
///
/// Used by `dependsOn`, by `aemconf import`/`state` commands, and as the key of state rows.
public struct ResourceAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// The resource's kind.
    public var kind: ResourceKind
    /// The resource's name (its key under the kind).
    public var name: String

    /// Creates an address.
    public init(kind: ResourceKind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `<kind>.<name>`; `nil` when the kind is unknown or the name is empty.
    public init?(_ description: String) {
        guard let dot = description.firstIndex(of: ".") else { return nil }
        guard let kind = ResourceKind(rawValue: String(description[..<dot])) else { return nil }
        let name = String(description[description.index(after: dot)...])
        guard !name.isEmpty else { return nil }
        self.init(kind: kind, name: name)
    }

    /// `<kind>.<name>`.
    public var description: String { "\(kind.rawValue).\(name)" }

    /// Orders by kind (in apply order), then by name.
    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.name < rhs.name
    }

    /// Decodes from the `<kind>.<name>` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = ResourceAddress(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid resource address '\(text)'; expected '<kind>.<name>'"
            )
        }
        self = address
    }

    /// Encodes as the `<kind>.<name>` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
