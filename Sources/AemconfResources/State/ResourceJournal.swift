import AemconfModel
import AemconfState

/// How a driver records its progress in state: intents before remote creates, one commit per finished
/// resource. The applier implements it over the state store with the run's lease; tests can fake it.
public protocol ResourceJournal: Sendable {
    /// Writes an intent naming the remote object about to be created or changed; returns its id.
    func openIntent(_ address: ResourceAddress, action: Intent.Action, remoteName: String) async throws -> String
    /// Commits a resource's row (clearing `intent` in the same transaction).
    func commit(_ resource: StoredResource, clearingIntent intent: String?) async throws
    /// Removes a resource's row (clearing `intent` in the same transaction).
    func remove(_ address: ResourceAddress, clearingIntent intent: String?) async throws
    /// The resource as last committed in this run or loaded from state.
    func current(_ address: ResourceAddress) async -> StoredResource?
}
