import Foundation

/// One named state as loaded: identity (lineage, serial) and every resource row.
public struct StateSnapshot: Sendable, Hashable, CustomStringConvertible {
    /// The named state (workspace), e.g. `default`, `prod`.
    public var workspace: String
    /// Random id fixed when the state was created.
    public var lineage: String
    /// Bumped by every commit.
    public var serial: Int64
    /// The rows, by address.
    public var resources: [String: ResourceRecord]
    /// Keys the HMAC of secret fingerprints; random per state (lineage), stored beside it.
    public var fingerprinter: SecretFingerprinter

    /// Creates a snapshot.
    public init(
        workspace: String,
        lineage: String,
        serial: Int64,
        resources: [String: ResourceRecord],
        fingerprinter: SecretFingerprinter
    ) {
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.resources = resources
        self.fingerprinter = fingerprinter
    }

    /// The rows sorted by address.
    public var sortedResources: [ResourceRecord] {
        resources.values.sorted { $0.address < $1.address }
    }

    /// The row at `address`.
    public subscript(address: String) -> ResourceRecord? {
        resources[address]
    }

    /// A short description without rows or keys.
    public var description: String {
        "state '\(workspace)' lineage \(lineage) serial \(serial) (\(resources.count) resources)"
    }
}
