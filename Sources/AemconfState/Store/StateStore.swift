import AemconfModel

/// Where aemconf keeps state: named states (workspaces) in one database, each with a lineage, a serial, one
/// row per resource, a journal of intents, history and a lock.
///
/// A value of this type is a handle on one named state (``workspace``); ``workspace(named:)`` gives a handle on
/// another state of the same database. Every implementation passes `StateStoreConformance` (AemconfTestSupport).
///
/// Reading never writes: ``read()`` and the other read methods create no file, table, row or lineage. Every write
/// to a named state's rows (``commit(_:expectingSerial:lease:context:clearingIntent:)``,
/// ``openIntent(address:action:remoteName:lease:)``, ``clearIntent(id:lease:)``, ``push(_:context:lease:)``,
/// ``writeJournal(_:expectingSerial:lease:context:)``) proves in its own transaction that `lease` still holds the lock
/// of this named state, or fails with ``StateError/Code/leaseLost`` and writes nothing.
public protocol StateStore: Sendable {
    /// The named state this handle reads and writes.
    var workspace: String { get }

    /// A handle on another named state of the same database.
    func workspace(named name: String) -> any StateStore

    /// The named states that exist in the database, sorted.
    func workspaces() async throws -> [String]

    /// Loads the state, creating it (random lineage, serial 0) when it does not exist yet.
    func load() async throws -> StateSnapshot

    /// Reads the state without creating anything: a state that does not exist yet reads as
    /// ``StateSnapshot/empty(workspace:)`` (lineage `""`, serial 0, no rows).
    func read() async throws -> StateSnapshot

    /// Commits one resource step in its own transaction if `lease` still holds this state's lock and the state is
    /// still at `expectingSerial` (compare-and-swap), records the new version in history, clears `clearingIntent` in
    /// the same transaction, and returns the new serial. A stale writer gets ``StateError/Code/staleSerial``; a
    /// lease that was released, taken over or expired gets ``StateError/Code/leaseLost``.
    @discardableResult
    func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64

    /// Every version written, oldest first; only those of `address` when given.
    func history(address: ResourceAddress?) async throws -> [HistoryEntry]

    /// The row at `address` as it was at `serial` (the newest version at or before it).
    func resource(_ address: ResourceAddress, atSerial serial: Int64) async throws -> ResourceRecord

    /// Writes an intent before a remote step, if `lease` still holds this state's lock.
    func openIntent(
        address: ResourceAddress,
        action: Intent.Action,
        remoteName: String,
        lease: any StateLease
    ) async throws -> Intent

    /// Clears an intent once its step is committed (or abandoned), if `lease` still holds this state's lock.
    func clearIntent(id: String, lease: any StateLease) async throws

    /// Intents not yet cleared, oldest first.
    func openIntents() async throws -> [Intent]

    /// Writes `writes` in order, each with the meaning of its own method, the first commit expecting
    /// `expectingSerial` and each later one the serial before it; gives one result per write, in order.
    ///
    /// A success means that write is done; a failure, that it is not (a failed write leaves the others). A store
    /// may run them all in one transaction with one disk sync (group commit); the default runs them one by one.
    func writeJournal(
        _ writes: [JournalWrite],
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext
    ) async -> [Result<JournalWriteOutcome, any Error>]

    /// Replaces the whole state with a pulled file in one transaction (same lineage, serial not behind), if `lease`
    /// still holds this state's lock, and returns the new serial.
    @discardableResult
    func push(_ file: StateFile, context: CommitContext, lease: any StateLease) async throws -> Int64

    /// Takes the lock on this named state or throws ``StateError/Code/locked`` naming the holder.
    func tryLock(_ request: LockRequest) async throws -> any StateLease

    /// Every lock in the database, with whether its holder is alive.
    func locks() async throws -> [LockInfo]

    /// Removes lock `id`; refuses a live holder unless `force`. Returns the removed lock.
    @discardableResult
    func unlock(id: String, force: Bool) async throws -> LockInfo

    /// Re-seals every sealed value of every named state (rows and history) from `old` to `new` in one
    /// transaction; returns how many values were re-sealed.
    @discardableResult
    func rekey(from old: SecretSealer, to new: SecretSealer) async throws -> Int

    /// Closes the connection.
    func close() async throws
}

extension StateStore {
    /// One write at a time, each through its own method and transaction.
    public func writeJournal(
        _ writes: [JournalWrite],
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext
    ) async -> [Result<JournalWriteOutcome, any Error>] {
        var serial = expectingSerial
        var results: [Result<JournalWriteOutcome, any Error>] = []
        for write in writes {
            do {
                switch write {
                case .openIntent(let address, let action, let remoteName):
                    let intent = try await openIntent(
                        address: address, action: action, remoteName: remoteName, lease: lease)
                    results.append(.success(.opened(intent)))
                case .commit(let change, let intent):
                    serial = try await commit(
                        change, expectingSerial: serial, lease: lease, context: context, clearingIntent: intent)
                    results.append(.success(.committed(serial: serial)))
                case .clearIntent(let id):
                    try await clearIntent(id: id, lease: lease)
                    results.append(.success(.cleared))
                }
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Commits without clearing an intent.
    @discardableResult
    public func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext
    ) async throws -> Int64 {
        try await commit(change, expectingSerial: expectingSerial, lease: lease, context: context, clearingIntent: nil)
    }

    /// The state as a file for `state pull` (no secret value; sealed values stay sealed). Reads only: a state that
    /// does not exist pulls as an empty file with no lineage.
    public func pull() async throws -> StateFile {
        StateFile(snapshot: try await read())
    }

    /// Takes the lock, waiting up to `timeout` with doubling delays (100 ms up to 5 s) while it is held.
    public func lock(_ request: LockRequest, timeout: Duration) async throws -> any StateLease {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = Duration.milliseconds(100)
        while true {
            do {
                return try await tryLock(request)
            } catch let error as StateError where error.code == .locked {
                let now = clock.now
                guard now < deadline else { throw error }
                let wait = min(delay, now.duration(to: deadline))
                try await Task.sleep(for: wait)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }
}
