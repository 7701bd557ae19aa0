import AemconfModel
import AemconfState

/// A read-only journal over the rows state holds, so plan can use what drivers use (a credential from its
/// integration's sealed secret) without being able to write.
struct SnapshotJournal: ResourceJournal {
    let rows: [ResourceAddress: StoredResource]

    struct ReadOnly: Error, CustomStringConvertible {
        var description: String { "plan never writes state" }
    }

    func openIntent(_ address: ResourceAddress, action: Intent.Action, remoteName: String) async throws -> String {
        throw ReadOnly()
    }

    func commit(_ resource: StoredResource, clearingIntent intent: String?) async throws { throw ReadOnly() }

    func remove(_ address: ResourceAddress, clearingIntent intent: String?) async throws { throw ReadOnly() }

    func current(_ address: ResourceAddress) async -> StoredResource? { rows[address] }
}
