import AemconfModel
import AemconfPlanner
import AemconfState
import Foundation

/// One resource as the engine keeps it in state: the attributes it was applied with, its outputs, the
/// services' ids and its secrets (sealed or fingerprinted). The only place that knows the row layout.
public struct StoredResource: Sendable, Hashable {
    /// The address.
    public var address: ResourceAddress
    /// The attributes as applied (what the next plan compares with).
    public var attributes: PlanAttributes
    /// Values other resources refer to.
    public var outputs: PlanAttributes
    /// The services' ids (`credentialId`, `providerPID`, …).
    public var remoteIDs: [String: String]
    /// Secrets: sealed when they cannot be read again, else fingerprints.
    public var secrets: [String: StoredSecret]
    /// The addresses it depended on when applied.
    public var dependencies: [ResourceAddress]
    /// When it was last applied.
    public var lastAppliedAt: Date?
    /// When it was last verified.
    public var lastVerifiedAt: Date?

    /// Creates a stored resource.
    public init(
        address: ResourceAddress,
        attributes: PlanAttributes = [:],
        outputs: PlanAttributes = [:],
        remoteIDs: [String: String] = [:],
        secrets: [String: StoredSecret] = [:],
        dependencies: [ResourceAddress] = [],
        lastAppliedAt: Date? = nil,
        lastVerifiedAt: Date? = nil
    ) {
        self.address = address
        self.attributes = attributes
        self.outputs = outputs
        self.remoteIDs = remoteIDs
        self.secrets = secrets
        self.dependencies = dependencies
        self.lastAppliedAt = lastAppliedAt
        self.lastVerifiedAt = lastVerifiedAt
    }

    /// The planner's view.
    public var prior: PriorResource {
        var outputs = outputs
        // Rows written before the alias was an output: the alias in use is the one the keystore holds.
        if outputs[AttributeName.certificateNotAfter] != nil, outputs[AttributeName.keypairAlias] == nil,
            let alias = remoteIDs[RemoteID.keystoreAlias]
        {
            outputs[AttributeName.keypairAlias] = .known(.string(alias))
        }
        // Rows written before secrets carried their date: the last apply is the latest the secret can be from.
        if outputs[AttributeName.clientSecretCreatedAt] == nil, remoteIDs[RemoteID.secretUUID] != nil,
            secrets["clientSecret"]?.sealedValue != nil, let applied = lastAppliedAt
        {
            outputs[AttributeName.clientSecretCreatedAt] = .known(.string(ISO8601Timestamp.string(from: applied)))
        }
        return PriorResource(
            address: address, attributes: attributes, outputs: outputs, dependencies: dependencies,
            unfinished: RemoteID.unfinished(remoteIDs), pendingRenewals: RemoteID.pendingRenewals(remoteIDs)
        )
    }

    private struct Body: Codable, CanonicalJSONWritable {
        var attributes: PlanAttributes
        var outputs: PlanAttributes

        /// `{"attributes":{…},"outputs":{…}}`, the text `JSONEncoder` with sorted keys writes.
        func write(to writer: inout CanonicalJSONWriter) {
            writer.append("{\"attributes\":")
            writer.writeObject(attributes) { $1.write(to: &$0) }
            writer.append(",\"outputs\":")
            writer.writeObject(outputs) { $1.write(to: &$0) }
            writer.append("}")
        }
    }

    /// Reads a state row; `nil` when the row's address or body is not one this engine wrote.
    public init?(record: ResourceRecord) {
        let address = record.address
        guard let body = try? record.attributes.decode(Body.self) else { return nil }
        self.init(
            address: address,
            attributes: body.attributes,
            outputs: body.outputs,
            remoteIDs: record.remoteIDs,
            secrets: record.secrets,
            dependencies: record.dependencies.compactMap(ResourceAddress.init),
            lastAppliedAt: record.lastAppliedAt,
            lastVerifiedAt: record.lastVerifiedAt
        )
    }

    /// The state row.
    public func record() throws -> ResourceRecord {
        ResourceRecord(
            address: address,
            attributes: JSONDocument(writing: Body(attributes: attributes, outputs: outputs)),
            remoteIDs: remoteIDs,
            secrets: secrets,
            dependencies: dependencies.map(\.description),
            lastAppliedAt: lastAppliedAt,
            lastVerifiedAt: lastVerifiedAt
        )
    }
}
