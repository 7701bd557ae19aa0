import AemconfModel
import Foundation

/// One resource as stored: one row per resource address in a named state.
public struct ResourceRecord: Sendable, Hashable, Codable {
    /// The resource address, e.g. `ioIntegrations.target-prod`.
    public var address: ResourceAddress
    /// The attributes as canonical JSON (never a secret value).
    public var attributes: JSONDocument
    /// Identifiers the services gave the remote objects, by name (`projectId`, `credentialId`, …).
    public var remoteIDs: [String: String]
    /// Secret fields: a fingerprint for change detection, or a sealed value when it cannot be fetched again.
    public var secrets: [String: StoredSecret]
    /// Addresses this resource depends on.
    public var dependencies: [String]
    /// When the last apply of this resource finished.
    public var lastAppliedAt: Date?
    /// When the resource was last verified against the live services.
    public var lastVerifiedAt: Date?

    /// Creates a record.
    public init(
        address: ResourceAddress,
        attributes: JSONDocument = .emptyObject,
        remoteIDs: [String: String] = [:],
        secrets: [String: StoredSecret] = [:],
        dependencies: [String] = [],
        lastAppliedAt: Date? = nil,
        lastVerifiedAt: Date? = nil
    ) {
        self.address = address
        self.attributes = attributes
        self.remoteIDs = remoteIDs
        self.secrets = secrets
        self.dependencies = dependencies
        self.lastAppliedAt = lastAppliedAt
        self.lastVerifiedAt = lastVerifiedAt
    }

    /// The resource kind: always the kind of ``address``.
    public var kind: ResourceKind { address.kind }

    private enum CodingKeys: String, CodingKey {
        case address, kind, attributes, remoteIDs, secrets, dependencies, lastAppliedAt, lastVerifiedAt
    }

    /// Decodes a record; `kind`, when present, must be the kind of `address` (its raw value, or the singular
    /// spelling older files carry, e.g. `ioIntegration`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let address = try container.decode(ResourceAddress.self, forKey: .address)
        self.address = address
        let spellings = PluralResourceKinds.spellings.filter { $0.plural == address.kind.rawValue }.map(\.singular)
        if let kind = try container.decodeIfPresent(String.self, forKey: .kind),
            kind != address.kind.rawValue && !spellings.contains(kind)
        {
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "kind '\(kind)' is not the kind of '\(address)'"
            )
        }
        attributes = try container.decode(JSONDocument.self, forKey: .attributes)
        remoteIDs = try container.decode([String: String].self, forKey: .remoteIDs)
        secrets = try container.decode([String: StoredSecret].self, forKey: .secrets)
        dependencies = try container.decode([String].self, forKey: .dependencies)
        lastAppliedAt = try container.decodeIfPresent(Date.self, forKey: .lastAppliedAt)
        lastVerifiedAt = try container.decodeIfPresent(Date.self, forKey: .lastVerifiedAt)
    }

    /// Encodes every field and the kind (its raw value), so files stay readable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(remoteIDs, forKey: .remoteIDs)
        try container.encode(secrets, forKey: .secrets)
        try container.encode(dependencies, forKey: .dependencies)
        try container.encodeIfPresent(lastAppliedAt, forKey: .lastAppliedAt)
        try container.encodeIfPresent(lastVerifiedAt, forKey: .lastVerifiedAt)
    }
}
