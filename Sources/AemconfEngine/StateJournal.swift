import AemconfModel
import AemconfResources
import AemconfState
import Foundation

/// The run's one owner of the state serial: intents and commits go through it, fenced by the run's lease.
///
/// Writes are grouped (group commit): a write that arrives while another batch is on its way to disk waits for
/// the next batch, which carries every write that arrived meanwhile in one transaction and one disk sync. So
/// concurrent steps share the transaction's fixed cost instead of queueing behind each other's syncs. The first
/// write of a batch leads it: it writes the batch, hands each waiting write its result, and passes the lead to the
/// first write that arrived meanwhile.
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
    /// Submissions waiting for the next batch, oldest first.
    private var queue: [Submission] = []
    /// Whether a batch is being written (or its lead is being handed over).
    private var leading = false
    /// How many batches were written: fewer than the writes when steps wrote at the same time.
    public private(set) var batches = 0

    /// One caller's writes (a commit may carry the clearing of intents left over); a leader's has no continuation.
    private struct Submission {
        let writes: [JournalWrite]
        var continuation: CheckedContinuation<Turn, Never>?
    }

    /// What a waiting submission is woken with: its results, or the lead of the next batch.
    private enum Turn {
        case done([Result<JournalWriteOutcome, any Error>])
        case lead
    }

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

    /// Writes waiting for the next batch.
    public var waitingWrites: Int { queue.reduce(0) { $0 + $1.writes.count } }

    public func openIntent(_ address: ResourceAddress, action: Intent.Action, remoteName: String) async throws -> String
    {
        let results = await submit([.openIntent(address: address, action: action, remoteName: remoteName)])
        guard case .opened(let intent) = try results[0].get() else {
            throw StateError.storage("writing intent for '\(address)'", "the store answered another kind of write")
        }
        return intent.id
    }

    public func commit(_ resource: StoredResource, clearingIntent intent: String?) async throws {
        try await record(.put(try resource.record()), clearingIntent: intent)
        rows[resource.address] = resource
    }

    public func remove(_ address: ResourceAddress, clearingIntent intent: String?) async throws {
        try await record(.remove(address: address), clearingIntent: intent)
        rows[address] = nil
    }

    /// Commits `change` with the intents an interrupted run left for its resource (the resource is recorded: what
    /// was left half done for it is resolved).
    private func record(_ change: ResourceChange, clearingIntent intent: String?) async throws {
        let leftover = leftovers.removeValue(forKey: change.address) ?? []
        let results = await submit([.commit(change, clearingIntent: intent)] + leftover.map { .clearIntent(id: $0) })
        for result in results { _ = try result.get() }
    }

    /// Writes `writes` in the next batch and gives their results.
    private func submit(_ writes: [JournalWrite]) async -> [Result<JournalWriteOutcome, any Error>] {
        if leading {
            let turn = await withCheckedContinuation { queue.append(Submission(writes: writes, continuation: $0)) }
            if case .done(let results) = turn { return results }
            // The lead: this submission heads the queue, its continuation spent.
        } else {
            leading = true
            queue.append(Submission(writes: writes, continuation: nil))
        }
        let batch = queue
        queue = []
        let results = await write(batch.flatMap(\.writes))
        var own: [Result<JournalWriteOutcome, any Error>] = []
        var offset = 0
        for submission in batch {
            let share = Array(results[offset..<offset + submission.writes.count])
            offset += submission.writes.count
            if let continuation = submission.continuation {
                continuation.resume(returning: .done(share))
            } else {
                own = share
            }
        }
        if let next = queue.first?.continuation {
            queue[0].continuation = nil
            next.resume(returning: .lead)
        } else {
            leading = false
        }
        return own
    }

    /// Writes one batch and moves the serial past its commits.
    private func write(_ batch: [JournalWrite]) async -> [Result<JournalWriteOutcome, any Error>] {
        #if DEBUG
            if let (prefix, code) = crashPoint(batch) {
                _ = await store.writeJournal(prefix, expectingSerial: serial, lease: lease, context: context)
                _exit(code)
            }
        #endif
        writes += batch.count { Self.counts($0) }
        batches += 1
        let results = await store.writeJournal(batch, expectingSerial: serial, lease: lease, context: context)
        for result in results {
            guard case .success(.committed(let next)) = result else { continue }
            serial = next
            commits += 1
        }
        return results
    }

    #if DEBUG
        /// Where a crash hook ends the process inside `batch`: the writes to make first, and the exit code.
        private func crashPoint(_ batch: [JournalWrite]) -> ([JournalWrite], Int32)? {
            var writesSoFar = writes
            var commitsSoFar = commits
            for (index, write) in batch.enumerated() where Self.counts(write) {
                writesSoFar += 1
                if let crashBeforeWrite, writesSoFar == crashBeforeWrite { return (Array(batch[..<index]), 75) }
                guard write.isCommit else { continue }
                commitsSoFar += 1
                if let stopAfterCommit, commitsSoFar == stopAfterCommit { return (Array(batch[...index]), 76) }
            }
            return nil
        }
    #endif

    /// Whether a write counts for the crash hooks: intents and commits (not the clearing of an interrupted run's
    /// intents, which rides on a commit).
    private static func counts(_ write: JournalWrite) -> Bool {
        if case .clearIntent = write { return false }
        return true
    }

    public func current(_ address: ResourceAddress) async -> StoredResource? { rows[address] }
}
