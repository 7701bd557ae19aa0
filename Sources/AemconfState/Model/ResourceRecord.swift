import Foundation

/// One resource as stored: one row per resource address in a named state.
public struct ResourceRecord: Sendable, Hashable, Codable {
    /// The resource address, e.g. `ioIntegrations.target-prod`.
    public var address: String
    /// The resource kind, e.g. `ioIntegration`.
    public var kind: String
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
        address: String,
        kind: String,
        attributes: JSONDocument = .emptyObject,
        remoteIDs: [String: String] = [:],
        secrets: [String: StoredSecret] = [:],
        dependencies: [String] = [],
        lastAppliedAt: Date? = nil,
        lastVerifiedAt: Date? = nil
    ) {
        self.address = address
        self.kind = kind
        self.attributes = attributes
        self.remoteIDs = remoteIDs
        self.secrets = secrets
        self.dependencies = dependencies
        self.lastAppliedAt = lastAppliedAt
        self.lastVerifiedAt = lastVerifiedAt
    }
}
