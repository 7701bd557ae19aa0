import AemconfModel
import AemconfResources
import AemconfState
import Foundation

/// The run's one owner of the state serial: intents and commits go through it, one at a time, each in its
/// own transaction fenced by the run's lease.
public actor StateJournal: ResourceJournal {
    private let store: any StateStore
    private let lease: any StateLease
    private let context: CommitContext
    private var serial: Int64
    private var rows: [ResourceAddress: StoredResource]
    /// Intents an interrupted run left open, by address: cleared once this run commits that resource.
    private var leftovers: [ResourceAddress: [String]]
    private var writes = 0
    private let crashBeforeWrite: Int?
    private let stopAfterCommit: Int?
    private var commits = 0
    private var writing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Creates a journal over `store`, starting at `snapshot`'s serial.
    ///
    /// `crashBeforeWrite` (debug builds only, for the crash tests): the process ends abruptly, as with `kill -9`,
    /// right before its N-th intent or commit — every boundary between a remote call and its record.
    /// `stopAfterCommit` (debug builds only): it ends the same way right after its N-th commit (or removal), the
    /// end of a step.
    public init(
        store: any StateStore,
        lease: any StateLease,
        snapshot: StateSnapshot,
        rows: [ResourceAddress: StoredResource],
        context: CommitContext,
        leftoverIntents: [Intent] = [],
        crashBeforeWrite: Int? = nil,
        stopAfterCommit: Int? = nil
    ) {
        self.crashBeforeWrite = crashBeforeWrite
        self.stopAfterCommit = stopAfterCommit
        self.leftovers = Dictionary(grouping: leftoverIntents, by: \.address).mapValues { $0.map(\.id) }
        self.store = store
        self.lease = lease
        self.context = context
        self.serial = snapshot.serial
        self.rows = rows
    }

    /// The serial after the last commit.
    public var currentSerial: Int64 { serial }

    public func openIntent(_ address: ResourceAddress, action: Intent.Action, remoteName: String) async throws -> String
    {
        try await exclusively {
            try await store.openIntent(address: address, action: action, remoteName: remoteName, lease: lease).id
        }
    }

    public func commit(_ resource: StoredResource, clearingIntent intent: String?) async throws {
        let record = try resource.record()
        try await exclusively {
            serial = try await store.commit(
                .put(record), expectingSerial: serial, lease: lease, context: context, clearingIntent: intent)
            rows[resource.address] = resource
            try await clearLeftovers(resource.address)
            committed()
        }
    }

    public func remove(_ address: ResourceAddress, clearingIntent intent: String?) async throws {
        try await exclusively {
            serial = try await store.commit(
                .remove(address: address), expectingSerial: serial, lease: lease, context: context,
                clearingIntent: intent)
            rows[address] = nil
            try await clearLeftovers(address)
            committed()
        }
    }

    /// Counts a commit; the stop-after-commit hook ends the process here.
    private func committed() {
        commits += 1
        #if DEBUG
            if let stopAfterCommit, commits == stopAfterCommit { _exit(76) }
        #endif
    }

    /// The resource is recorded: what an interrupted run left half done for it is resolved.
    private func clearLeftovers(_ address: ResourceAddress) async throws {
        guard let ids = leftovers.removeValue(forKey: address) else { return }
        for id in ids { try await store.clearIntent(id: id, lease: lease) }
    }

    /// Runs one write at a time: the actor is re-entrant across `await`, and two commits must never read the
    /// same expected serial.
    private func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        if writing {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            writing = true
        }
        defer {
            if waiting.isEmpty { writing = false } else { waiting.removeFirst().resume() }
        }
        writes += 1
        #if DEBUG
            if let crashBeforeWrite, writes == crashBeforeWrite { _exit(75) }
        #endif
        return try await body()
    }

    public func current(_ address: ResourceAddress) async -> StoredResource? { rows[address] }
}
