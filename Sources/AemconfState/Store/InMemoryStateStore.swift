import AemconfModel
import Foundation
import Logging

/// A ``StateStore`` kept in memory: for tests of the planner and applier, and the reference the conformance
/// suite holds the databases to. Handles from ``workspace(named:)`` share one database.
public struct InMemoryStateStore: StateStore {
    /// Options for the in-memory store.
    public struct Configuration: Sendable {
        /// The clock for timestamps and lease expiry.
        public var clock: any WallClock
        /// How long a lock lasts without release (there is no heartbeat in memory).
        public var leaseDuration: Duration
        /// Where lock takeovers are logged.
        public var logger: Logger

        /// Creates a configuration.
        public init(
            clock: any WallClock = SystemWallClock(),
            leaseDuration: Duration = .seconds(3600),
            logger: Logger = Logger(label: "aemconf.state.memory")
        ) {
            self.clock = clock
            self.leaseDuration = leaseDuration
            self.logger = logger
        }
    }

    /// The named state of this handle.
    public let workspace: String
    private let database: Database
    private let configuration: Configuration

    /// A new, empty in-memory database with a handle on `workspace`.
    public init(workspace: String = "default", configuration: Configuration = Configuration()) {
        self.init(workspace: workspace, database: Database(), configuration: configuration)
    }

    private init(workspace: String, database: Database, configuration: Configuration) {
        self.workspace = workspace
        self.database = database
        self.configuration = configuration
    }

    /// A handle on another named state of the same database.
    public func workspace(named name: String) -> any StateStore {
        InMemoryStateStore(workspace: name, database: database, configuration: configuration)
    }

    /// The named states.
    public func workspaces() async throws -> [String] {
        await database.workspaceNames()
    }

    /// Loads (creating when missing).
    public func load() async throws -> StateSnapshot {
        await database.load(workspace)
    }

    /// Reads without creating: a missing state reads as empty.
    public func read() async throws -> StateSnapshot {
        await database.read(workspace)
    }

    /// Commits one change with compare-and-swap on the serial, if `lease` holds the lock.
    @discardableResult
    public func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64 {
        try await database.commit(
            [change],
            workspace: workspace,
            expectingSerial: expectingSerial,
            leaseID: lease.info.id,
            context: context,
            clearingIntent: clearingIntent,
            now: configuration.clock.now(),
            adoptLineage: nil
        )
    }

    /// History, oldest first.
    public func history(address: ResourceAddress?) async throws -> [HistoryEntry] {
        await database.history(workspace, address: address)
    }

    /// The version of `address` at `serial`.
    public func resource(_ address: ResourceAddress, atSerial serial: Int64) async throws -> ResourceRecord {
        let entry = try await history(address: address).last { $0.serial <= serial }
        guard let entry, let record = entry.record else {
            throw StateError.resourceNotFound(address, workspace: workspace, serial: serial)
        }
        return record
    }

    /// Writes an intent, if `lease` holds the lock.
    public func openIntent(
        address: ResourceAddress,
        action: Intent.Action,
        remoteName: String,
        lease: any StateLease
    ) async throws -> Intent {
        let intent = Intent(
            id: RandomUUID.lowercasedString(),
            address: address,
            action: action,
            remoteName: remoteName,
            createdAt: configuration.clock.now()
        )
        try await database.openIntent(
            intent,
            workspace: workspace,
            leaseID: lease.info.id,
            now: configuration.clock.now()
        )
        return intent
    }

    /// Clears an intent, if `lease` holds the lock.
    public func clearIntent(id: String, lease: any StateLease) async throws {
        try await database.clearIntent(id, workspace: workspace, leaseID: lease.info.id, now: configuration.clock.now())
    }

    /// Open intents.
    public func openIntents() async throws -> [Intent] {
        await database.intents(workspace)
    }

    /// Replaces the state with `file`, if `lease` holds the lock.
    @discardableResult
    public func push(_ file: StateFile, context: CommitContext, lease: any StateLease) async throws -> Int64 {
        let current = try await load()
        let changes = try file.changes(against: current)
        return try await database.commit(
            changes,
            workspace: workspace,
            expectingSerial: current.serial,
            leaseID: lease.info.id,
            context: context,
            clearingIntent: nil,
            now: configuration.clock.now(),
            adoptLineage: file.lineage
        )
    }

    /// Takes the lock.
    public func tryLock(_ request: LockRequest) async throws -> any StateLease {
        let now = configuration.clock.now()
        let info = LockInfo(
            id: RandomUUID.lowercasedString(),
            workspace: workspace,
            request: request,
            createdAt: now,
            heartbeatAt: now,
            expiresAt: now.addingTimeInterval(configuration.leaseDuration.timeInterval)
        )
        if let previous = try await database.lock(info, now: now) {
            configuration.logger.warning(
                "took over expired lock of state '\(workspace)' held by \(previous.holderDescription)"
            )
        }
        return Lease(info: info, database: database, clock: configuration.clock)
    }

    /// Every lock.
    public func locks() async throws -> [LockInfo] {
        await database.locks(now: configuration.clock.now())
    }

    /// Removes a lock.
    @discardableResult
    public func unlock(id: String, force: Bool) async throws -> LockInfo {
        try await database.unlock(id: id, force: force, now: configuration.clock.now())
    }

    /// Re-seals every sealed value.
    @discardableResult
    public func rekey(from old: SecretSealer, to new: SecretSealer) async throws -> Int {
        try await database.rekey(from: old, to: new)
    }

    /// Nothing to close.
    public func close() async throws {}

    private struct Lease: StateLease {
        let info: LockInfo
        let database: Database
        let clock: any WallClock

        func checkHeld() async throws {
            try await database.checkHeld(workspace: info.workspace, leaseID: info.id, now: clock.now())
        }

        func release() async throws {
            await database.release(id: info.id)
        }
    }

    private struct Workspace {
        var lineage: String
        var serial: Int64
        var fingerprinter: SecretFingerprinter
        var resources: [ResourceAddress: ResourceRecord] = [:]
        var history: [HistoryEntry] = []
        var intents: [String: Intent] = [:]
        var lock: LockInfo?
    }

    private actor Database {
        var workspaces: [String: Workspace] = [:]

        func workspaceNames() -> [String] { workspaces.keys.sorted() }

        func ensure(_ name: String) -> Workspace {
            if let existing = workspaces[name] { return existing }
            let created = Workspace(
                lineage: RandomUUID.lowercasedString(),
                serial: 0,
                fingerprinter: .random()
            )
            workspaces[name] = created
            return created
        }

        func read(_ name: String) -> StateSnapshot {
            guard let state = workspaces[name] else { return .empty(workspace: name) }
            return StateSnapshot(
                workspace: name,
                lineage: state.lineage,
                serial: state.serial,
                resources: state.resources,
                fingerprinter: state.fingerprinter
            )
        }

        /// Throws ``StateError/Code/leaseLost`` unless lock `leaseID` is the live lock of `name`.
        func checkHeld(workspace name: String, leaseID: String, now: Date) throws {
            guard let lock = workspaces[name]?.lock, lock.id == leaseID, isAlive(lock, now: now) else {
                throw StateError.leaseLost(id: leaseID, workspace: name)
            }
        }

        func load(_ name: String) -> StateSnapshot {
            let state = ensure(name)
            return StateSnapshot(
                workspace: name,
                lineage: state.lineage,
                serial: state.serial,
                resources: state.resources,
                fingerprinter: state.fingerprinter
            )
        }

        func commit(
            _ changes: [ResourceChange],
            workspace name: String,
            expectingSerial: Int64,
            leaseID: String,
            context: CommitContext,
            clearingIntent: String?,
            now: Date,
            adoptLineage: String?
        ) throws -> Int64 {
            try checkHeld(workspace: name, leaseID: leaseID, now: now)
            var state = ensure(name)
            guard state.serial == expectingSerial else {
                throw StateError.staleSerial(workspace: name, expected: expectingSerial, actual: state.serial)
            }
            let serial = state.serial + 1
            for change in changes {
                switch change {
                case .put(let record):
                    state.resources[record.address] = record
                    state.history.append(
                        HistoryEntry(
                            serial: serial,
                            address: record.address,
                            action: .put,
                            record: record,
                            committedAt: now,
                            author: context.author,
                            command: context.command
                        )
                    )
                case .remove(let address):
                    guard state.resources.removeValue(forKey: address) != nil else {
                        throw StateError.resourceNotFound(address, workspace: name)
                    }
                    state.history.append(
                        HistoryEntry(
                            serial: serial,
                            address: address,
                            action: .remove,
                            record: nil,
                            committedAt: now,
                            author: context.author,
                            command: context.command
                        )
                    )
                }
            }
            if let clearingIntent {
                state.intents.removeValue(forKey: clearingIntent)
            }
            if let adoptLineage { state.lineage = adoptLineage }
            state.serial = serial
            workspaces[name] = state
            return serial
        }

        func history(_ name: String, address: ResourceAddress?) -> [HistoryEntry] {
            let all = workspaces[name]?.history ?? []
            guard let address else { return all }
            return all.filter { $0.address == address }
        }

        func openIntent(_ intent: Intent, workspace name: String, leaseID: String, now: Date) throws {
            try checkHeld(workspace: name, leaseID: leaseID, now: now)
            var state = ensure(name)
            state.intents[intent.id] = intent
            workspaces[name] = state
        }

        func clearIntent(_ id: String, workspace name: String, leaseID: String, now: Date) throws {
            try checkHeld(workspace: name, leaseID: leaseID, now: now)
            guard workspaces[name]?.intents.removeValue(forKey: id) != nil else {
                throw StateError(.intentNotFound, "no open intent '\(id)' in state '\(name)'")
            }
        }

        func intents(_ name: String) -> [Intent] {
            (workspaces[name]?.intents.values.map { $0 } ?? []).sorted {
                ($0.createdAt, $0.id) < ($1.createdAt, $1.id)
            }
        }

        func lock(_ info: LockInfo, now: Date) throws -> LockInfo? {
            var state = ensure(info.workspace)
            var takenOver: LockInfo?
            if let held = state.lock {
                if isAlive(held, now: now) { throw StateError.locked(by: held) }
                takenOver = held
            }
            state.lock = info
            workspaces[info.workspace] = state
            return takenOver
        }

        func isAlive(_ lock: LockInfo, now: Date) -> Bool {
            guard let expiresAt = lock.expiresAt else { return true }
            return expiresAt > now
        }

        func release(id: String) {
            for (name, state) in workspaces where state.lock?.id == id {
                workspaces[name]?.lock = nil
            }
        }

        func locks(now: Date) -> [LockInfo] {
            workspaces.values.compactMap { state in
                state.lock.map { lock in
                    var lock = lock
                    lock.alive = isAlive(lock, now: now)
                    return lock
                }
            }.sorted { $0.workspace < $1.workspace }
        }

        func unlock(id: String, force: Bool, now: Date) throws -> LockInfo {
            guard let (name, state) = workspaces.first(where: { $0.value.lock?.id == id }),
                let lock = state.lock
            else {
                throw StateError.lockNotFound(id)
            }
            if isAlive(lock, now: now) && !force { throw StateError.lockAlive(lock) }
            workspaces[name]?.lock = nil
            return lock
        }

        func rekey(from old: SecretSealer, to new: SecretSealer) throws -> Int {
            var updated = workspaces
            var count = 0
            for (name, var state) in updated {
                let scope = SealScope(lineage: state.lineage, workspace: name)
                for (address, var record) in state.resources {
                    let result = try old.reseal(
                        record.secrets, address: address.description, scope: scope, under: new
                    )
                    record.secrets = result.secrets
                    count += result.count
                    state.resources[address] = record
                }
                for index in state.history.indices {
                    guard var record = state.history[index].record else { continue }
                    let result = try old.reseal(
                        record.secrets, address: record.address.description, scope: scope, under: new
                    )
                    record.secrets = result.secrets
                    count += result.count
                    state.history[index].record = record
                }
                updated[name] = state
            }
            workspaces = updated
            return count
        }
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
