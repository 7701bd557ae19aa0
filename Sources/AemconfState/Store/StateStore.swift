/// Where aemconf keeps state: named states (workspaces) in one database, each with a lineage, a serial, one
/// row per resource, a journal of intents, history and a lock.
///
/// A value of this type is a handle on one named state (``workspace``); ``workspace(named:)`` gives a handle on
/// another state of the same database. Every implementation passes `StateStoreConformance` (AemconfTestSupport).
public protocol StateStore: Sendable {
    /// The named state this handle reads and writes.
    var workspace: String { get }

    /// A handle on another named state of the same database.
    func workspace(named name: String) -> any StateStore

    /// The named states that exist in the database, sorted.
    func workspaces() async throws -> [String]

    /// Loads the state, creating it (random lineage, serial 0) when it does not exist yet.
    func load() async throws -> StateSnapshot

    /// Commits one resource step in its own transaction if the state is still at `expectingSerial`
    /// (compare-and-swap), records the new version in history, clears `clearingIntent` in the same
    /// transaction, and returns the new serial. A stale writer gets ``StateError/Code/staleSerial``.
    @discardableResult
    func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64

    /// Every version written, oldest first; only those of `address` when given.
    func history(address: String?) async throws -> [HistoryEntry]

    /// The row at `address` as it was at `serial` (the newest version at or before it).
    func resource(_ address: String, atSerial serial: Int64) async throws -> ResourceRecord

    /// Writes an intent before a remote step.
    func openIntent(address: String, action: Intent.Action, remoteName: String) async throws -> Intent

    /// Clears an intent once its step is committed (or abandoned).
    func clearIntent(id: String) async throws

    /// Intents not yet cleared, oldest first.
    func openIntents() async throws -> [Intent]

    /// Replaces the whole state with a pulled file in one transaction (same lineage, serial not behind) and
    /// returns the new serial.
    @discardableResult
    func push(_ file: StateFile, context: CommitContext) async throws -> Int64

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
    /// Commits without clearing an intent.
    @discardableResult
    public func commit(_ change: ResourceChange, expectingSerial: Int64, context: CommitContext) async throws
        -> Int64
    {
        try await commit(change, expectingSerial: expectingSerial, context: context, clearingIntent: nil)
    }

    /// The state as a file for `state pull` (no secret value; sealed values stay sealed).
    public func pull() async throws -> StateFile {
        StateFile(snapshot: try await load())
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
