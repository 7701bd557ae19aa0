import AemconfModel
import AemconfState

/// A journal over a loaded snapshot that refuses every write: what read-only checks (`aemconf doctor`) give the
/// drivers so they can resolve credentials from state and never record anything.
public struct ReadOnlyJournal: ResourceJournal {
    private let rows: [ResourceAddress: StoredResource]

    /// Serves `rows`.
    public init(rows: [ResourceAddress: StoredResource]) {
        self.rows = rows
    }

    /// The refusal every write gets.
    public struct WriteRefused: Error, CustomStringConvertible {
        /// The message.
        public var description: String { "a read-only run tried to write state" }
    }

    public func openIntent(_ address: ResourceAddress, action: Intent.Action, remoteName: String) async throws -> String
    {
        throw WriteRefused()
    }

    public func commit(_ resource: StoredResource, clearingIntent intent: String?) async throws { throw WriteRefused() }

    public func remove(_ address: ResourceAddress, clearingIntent intent: String?) async throws { throw WriteRefused() }

    public func current(_ address: ResourceAddress) async -> StoredResource? { rows[address] }
}
