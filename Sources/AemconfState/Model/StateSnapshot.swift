import AemconfModel
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
    public var resources: [ResourceAddress: ResourceRecord]
    /// Keys the HMAC of secret fingerprints: the stored per-state salt as loaded; derived from the state key with
    /// ``fingerprinting(with:)``.
    public var fingerprinter: SecretFingerprinter

    /// Creates a snapshot.
    public init(
        workspace: String,
        lineage: String,
        serial: Int64,
        resources: [ResourceAddress: ResourceRecord],
        fingerprinter: SecretFingerprinter
    ) {
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.resources = resources
        self.fingerprinter = fingerprinter
    }

    /// The snapshot with its fingerprinter keyed by the state key (HKDF with the lineage and the stored salt), so
    /// the database alone does not let anyone test guesses against the fingerprints; `self` without a key. Plan
    /// and apply both call it with the same key, so their fingerprints agree; a fingerprint stored under the legacy
    /// (salt-only) key no longer matches and shows as a change once, then is written under the derived key.
    public func fingerprinting(with key: StateKey?) -> StateSnapshot {
        var snapshot = self
        snapshot.fingerprinter = fingerprinter.keyed(by: key, lineage: lineage)
        return snapshot
    }

    /// The rows sorted by address.
    public var sortedResources: [ResourceRecord] {
        resources.values.sorted { $0.address < $1.address }
    }

    /// The row at `address`.
    public subscript(address: ResourceAddress) -> ResourceRecord? {
        resources[address]
    }

    /// The snapshot of a state that does not exist yet: no lineage (`""`), serial 0, no rows, and a fingerprinter
    /// with a random salt. What ``StateStore/read()`` returns instead of creating the state.
    public static func empty(workspace: String) -> StateSnapshot {
        StateSnapshot(workspace: workspace, lineage: "", serial: 0, resources: [:], fingerprinter: .random())
    }

    /// A short description without rows or keys.
    public var description: String {
        "state '\(workspace)' lineage \(lineage) serial \(serial) (\(resources.count) resources)"
    }
}
