import AemconfModel
import AemconfState
import Foundation
import GRDB
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The default ``StateStore``: one SQLite file (mode 0600, WAL, busy timeout), opened with GRDB.
///
/// Durability: every write but a resource commit is synced to disk before it returns (`synchronous = FULL`): intents,
/// which must be on disk before the remote call they announce, and taking, renewing and releasing the lock. A
/// resource commit is synced by the next synced write: the next intent, or at the latest the release of the lock
/// that ends the command (a sync of the WAL writes every frame before it). A commit survives aemconf being killed
/// either way; what a machine crash can take back is only commits since the last intent, whose intents are on disk,
/// so the next run adopts those objects by name instead of duplicating them.
///
/// Each method is one transaction; commits use `BEGIN IMMEDIATE` so two processes never interleave, and the
/// serial compare-and-swap rejects a stale writer. Locks are lease rows kept alive by a heartbeat; every write checks
/// in its transaction that the lease row with its id (the fencing token) is still there and not expired.
///
/// Opened with `readOnly: true`, a missing file reads as empty and nothing is created; writes are refused.
public final class SQLiteStateStore: StateStore {
    /// Options for the SQLite store.
    public struct Configuration: Sendable {
        /// The clock for timestamps and lease expiry.
        public var clock: any WallClock
        /// How long a lease lives without a heartbeat.
        public var leaseDuration: Duration
        /// How often a held lease is renewed; `nil` disables the heartbeat (tests of expiry).
        public var heartbeatInterval: Duration?
        /// How long to wait for another process's write transaction.
        public var busyTimeout: Duration
        /// Where takeovers and lost leases are logged.
        public var logger: Logger

        /// Creates a configuration.
        public init(
            clock: any WallClock = SystemWallClock(),
            leaseDuration: Duration = .seconds(30),
            heartbeatInterval: Duration? = .seconds(10),
            busyTimeout: Duration = .seconds(10),
            logger: Logger = Logger(label: "aemconf.state.sqlite")
        ) {
            self.clock = clock
            self.leaseDuration = leaseDuration
            self.heartbeatInterval = heartbeatInterval
            self.busyTimeout = busyTimeout
            self.logger = logger
        }
    }

    /// The named state of this handle.
    public let workspace: String
    /// The database file.
    public let path: String
    /// Whether this handle only reads (it creates nothing and refuses writes).
    public let readOnly: Bool
    let connection: SQLiteConnection
    let configuration: Configuration

    /// Opens the SQLite state at `path` and migrates it. Unless `readOnly`, a missing file is created with its
    /// directory; with `readOnly`, a missing file is left missing and reads as empty, and writes are refused.
    public convenience init(
        path: String,
        workspace: String = "default",
        configuration: Configuration = .init(),
        readOnly: Bool = false
    ) throws {
        let connection: SQLiteConnection
        if readOnly {
            connection = SQLiteConnection(path: path, queue: nil, configuration: configuration)
            _ = try connection.existingQueue()
        } else {
            try Self.prepareFile(path)
            connection = SQLiteConnection(
                path: path,
                queue: try Self.openQueue(path, configuration: configuration),
                configuration: configuration
            )
        }
        self.init(
            workspace: workspace, path: path, readOnly: readOnly, connection: connection, configuration: configuration)
    }

    /// Opens the existing file at `path` read-only when its schema is current; `nil` when it needs a migration.
    static func openReadOnlyQueue(_ path: String, configuration: Configuration) throws -> DatabaseQueue? {
        var config = GRDB.Configuration()
        config.readonly = true
        config.busyMode = .timeout(configuration.busyTimeout.timeInterval)
        config.foreignKeysEnabled = true
        config.label = "aemconf.state"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            if try queue.read({ try SQLiteMigrations.migrator.hasCompletedMigrations($0) }) { return queue }
            try queue.close()
            return nil
        } catch {
            throw Self.storageError("opening state database '\(path)'", error)
        }
    }

    /// Opens and migrates the existing file at `path`.
    static func openQueue(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        var config = GRDB.Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(configuration.busyTimeout.timeInterval)
        config.foreignKeysEnabled = true
        config.label = "aemconf.state"
        let queue: DatabaseQueue
        let deadline = ContinuousClock.now + configuration.busyTimeout
        while true {
            do {
                let opened = try DatabaseQueue(path: path, configuration: config)
                try requireFullSync(opened)
                try migrate(opened)
                queue = opened
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline
            {
                // Opening switches the file to WAL and makes sure its WAL file is not empty (a small write). SQLite
                // answers those with SQLITE_BUSY at once, without the busy handler, while another process holds
                // the lock it needs (one creating the same new state: found by `aemconf-bench chaos`, where the
                // second of two applies started together failed 'database is locked' instead of waiting for the
                // state lock or naming its holder). The open is tried again until the busy timeout.
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                throw Self.storageError("opening state database '\(path)'", error)
            }
        }
        chmod(path, 0o600)
        return queue
    }

    /// Makes every write reach the disk before it returns (`synchronous = FULL`: the WAL is synced at each commit)
    /// unless the write says otherwise (``write(_:inline:synced:_:)``). GRDB switches a WAL database to `NORMAL` after
    /// `prepareDatabase` runs, which syncs only at checkpoints: a power loss could then take back hundreds of steps'
    /// intents and commits whose remote objects exist. So the mode is set once the queue is open, where nothing
    /// overrides it.
    static func requireFullSync(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Migrates `queue`. Two processes opening the same new file at once (two applies started together) both
    /// see no migration applied; the second one's migration then fails on the tables or the migration row the
    /// first one committed. That loser reads the applied migrations again and continues (found by
    /// `aemconf-bench chaos`: the second apply failed with `UNIQUE constraint failed: grdb_migrations.identifier`
    /// instead of waiting for the lock or naming its holder).
    static func migrate(_ queue: DatabaseQueue) throws {
        var attempts = 0
        while true {
            do {
                try SQLiteMigrations.migrator.migrate(queue)
                return
            } catch let error as DatabaseError where attempts < 20 && lostMigrationRace(error) {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Whether a migration failed because another connection applied it first.
    static func lostMigrationRace(_ error: DatabaseError) -> Bool {
        if error.resultCode == .SQLITE_CONSTRAINT { return true }
        return error.resultCode == .SQLITE_ERROR && (error.message ?? "").contains("already exists")
    }

    init(workspace: String, path: String, readOnly: Bool, connection: SQLiteConnection, configuration: Configuration) {
        self.workspace = workspace
        self.path = path
        self.readOnly = readOnly
        self.connection = connection
        self.configuration = configuration
    }

    /// A handle on another named state of the same file, sharing the connection.
    public func workspace(named name: String) -> any StateStore {
        SQLiteStateStore(
            workspace: name,
            path: path,
            readOnly: readOnly,
            connection: connection,
            configuration: configuration
        )
    }

    /// The names of the applied migrations, oldest first (none for a missing file).
    public func appliedMigrations() async throws -> [String] {
        try await read("reading migrations", missing: []) { db in
            try SQLiteMigrations.migrator.appliedMigrations(db)
        }
    }

    /// Runs `PRAGMA integrity_check` and returns its rows (`["ok"]` for a sound file).
    public func integrityCheck() async throws -> [String] {
        try await read("checking integrity", missing: ["ok"]) { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check")
        }
    }

    /// The named states.
    public func workspaces() async throws -> [String] {
        try await read("listing states", missing: []) { db in
            try String.fetchAll(db, sql: "SELECT workspace FROM state ORDER BY workspace")
        }
    }

    /// Reads the state without creating anything; a missing file or state reads as empty.
    public func read() async throws -> StateSnapshot {
        let workspace = workspace
        return try await read("reading state '\(workspace)'", missing: .empty(workspace: workspace)) { db in
            guard let state = try Self.fetchState(db, workspace: workspace) else { return .empty(workspace: workspace) }
            return try Self.snapshot(db, workspace: workspace, state: state)
        }
    }

    /// Loads the state, creating it when missing.
    ///
    /// An existing state is read in a read transaction (no write lock); only a missing state takes one.
    public func load() async throws -> StateSnapshot {
        let workspace = workspace
        let operation = "loading state '\(workspace)'"
        let existing = try await read(operation, missing: nil) { db -> StateSnapshot? in
            guard let state = try Self.fetchState(db, workspace: workspace) else { return nil }
            return try Self.snapshot(db, workspace: workspace, state: state)
        }
        if let existing { return existing }
        let now = configuration.clock.now()
        return try await write(operation) { db in
            let state = try Self.ensureState(db, workspace: workspace, now: now)
            return try Self.snapshot(db, workspace: workspace, state: state)
        }
    }

    static func snapshot(_ db: Database, workspace: String, state: StateRow) throws -> StateSnapshot {
        var resources: [ResourceAddress: ResourceRecord] = [:]
        if let count = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM resource WHERE workspace = ?", arguments: [workspace])
        {
            resources.reserveCapacity(count)
        }
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT \(ResourceRow.selectColumns) FROM resource WHERE workspace = ?",
            arguments: [workspace]
        )
        while let row = try rows.next() {
            let resource = ResourceRow(workspace: workspace, row: row)
            let record = try resource.columns.record(address: resource.address)
            resources[record.address] = record
        }
        return StateSnapshot(
            workspace: workspace,
            lineage: state.lineage,
            serial: state.serial,
            resources: resources,
            fingerprinter: state.fingerprinter
        )
    }

    /// Commits one change (lease check, compare-and-swap on the serial) in one immediate transaction.
    @discardableResult
    public func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64 {
        let results = await writeJournal(
            [.commit(change, clearingIntent: clearingIntent)], expectingSerial: expectingSerial, lease: lease,
            context: context)
        guard case .committed(let serial) = try results[0].get() else {
            throw StateError.storage("committing '\(change.address)'", "the write answered another kind of outcome")
        }
        return serial
    }

    /// History, oldest first.
    public func history(address: ResourceAddress?) async throws -> [HistoryEntry] {
        let workspace = workspace
        let address = address?.description
        return try await read("reading history of state '\(workspace)'", missing: []) { db in
            var sql = """
                SELECT \(ResourceRow.selectColumns), serial, action, committed_at, author, command
                FROM resource_history WHERE workspace = ?
                """
            var arguments: StatementArguments = [workspace]
            if let address {
                sql += " AND address = ?"
                arguments += [address]
            }
            sql += " ORDER BY serial, address"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.historyEntry)
        }
    }

    /// The version of `address` at `serial`.
    public func resource(_ address: ResourceAddress, atSerial serial: Int64) async throws -> ResourceRecord {
        let workspace = workspace
        let text = address.description
        let entry = try await read("reading history of '\(address)'", missing: nil) { db in
            try Row.fetchOneCached(
                db,
                sql: """
                    SELECT \(ResourceRow.selectColumns), serial, action, committed_at, author, command
                    FROM resource_history WHERE workspace = ? AND address = ? AND serial <= ?
                    ORDER BY serial DESC LIMIT 1
                    """,
                arguments: [workspace, text, serial]
            ).map(Self.historyEntry)
        }
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
        let results = await writeJournal(
            [.openIntent(address: address, action: action, remoteName: remoteName)], expectingSerial: 0, lease: lease,
            context: CommitContext(author: "", command: ""))  // an intent neither checks a serial nor records a context
        guard case .opened(let intent) = try results[0].get() else {
            throw StateError.storage("writing intent for '\(address)'", "the write answered another kind of outcome")
        }
        return intent
    }

    static func insertIntent(_ db: Database, _ intent: Intent, workspace: String) throws {
        try db.executeCached(
            sql: """
                INSERT INTO intent (id, workspace, address, action, remote_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                intent.id, workspace, intent.address.description, intent.action.rawValue, intent.remoteName,
                intent.createdAt.timeIntervalSince1970,
            ]
        )
    }

    /// Deletes intent `id`; with `mustExist`, a missing intent is ``StateError/Code/intentNotFound``.
    static func deleteIntent(_ db: Database, id: String, workspace: String, mustExist: Bool) throws {
        try db.executeCached(sql: "DELETE FROM intent WHERE id = ? AND workspace = ?", arguments: [id, workspace])
        if mustExist, db.changesCount == 0 {
            throw StateError(.intentNotFound, "no open intent '\(id)' in state '\(workspace)'")
        }
    }

    /// Writes `writes` in one transaction with at most one disk sync (group commit): the lease is proven and the
    /// serial read once, and each write runs in a savepoint of its own, so one that fails (a missing row or intent)
    /// is rolled back alone while the others commit. A failure of the transaction itself fails every write.
    public func writeJournal(
        _ writes: [JournalWrite],
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext
    ) async -> [Result<JournalWriteOutcome, any Error>] {
        let workspace = workspace
        let leaseID = lease.info.id
        let now = configuration.clock.now()
        // Encoded before the transaction: a row that cannot be encoded fails alone.
        let prepared = writes.map { write in Result { try JournalEntry(write, workspace: workspace, now: now) } }
        let operation =
            writes.count == 1
            ? JournalEntry.operation(writes[0], workspace: workspace)
            : "writing \(writes.count) journal entries to state '\(workspace)'"
        do {
            return try await write(operation, inline: true, synced: writes.contains(where: \.needsSync)) { db in
                let first = try Self.fencedSerial(db, workspace: workspace, leaseID: leaseID, now: now)
                // Only a commit expects a serial: intents and clearings write no version.
                guard first == expectingSerial || !writes.contains(where: \.isCommit) else {
                    throw StateError.staleSerial(workspace: workspace, expected: expectingSerial, actual: first)
                }
                var serial = first
                var results: [Result<JournalWriteOutcome, any Error>] = []
                results.reserveCapacity(prepared.count)
                for entry in prepared {
                    guard case .success(let entry) = entry else {
                        results.append(entry.map { _ in .cleared })
                        continue
                    }
                    do {
                        let outcome = try db.inCachedSavepoint {
                            try entry.apply(db, serial: serial + 1, context: context)
                        }
                        if case .committed(let next) = outcome { serial = next }
                        results.append(.success(outcome))
                    } catch {
                        results.append(.failure(Self.storageError(entry.operation, error)))
                    }
                }
                if serial != first { try Self.bumpSerial(db, workspace: workspace, to: serial, lineage: nil, now: now) }
                return results
            }
        } catch {
            return writes.map { _ in .failure(error) }
        }
    }

    /// Clears an intent, if `lease` holds the lock.
    public func clearIntent(id: String, lease: any StateLease) async throws {
        let workspace = workspace
        let leaseID = lease.info.id
        let now = configuration.clock.now()
        try await write("clearing intent '\(id)'") { db in
            try Self.checkLease(db, workspace: workspace, leaseID: leaseID, now: now)
            try Self.deleteIntent(db, id: id, workspace: workspace, mustExist: true)
        }
    }

    /// Open intents, oldest first.
    public func openIntents() async throws -> [Intent] {
        let workspace = workspace
        return try await read("reading intents of state '\(workspace)'", missing: []) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, address, action, remote_name, created_at FROM intent
                    WHERE workspace = ? ORDER BY created_at, id
                    """,
                arguments: [workspace]
            ).map { row in
                let actionText: String = row[2]
                guard let action = Intent.Action(rawValue: actionText) else {
                    throw StateError(.corruptRow, "intent '\(row[0] as String)' has unknown action '\(actionText)'")
                }
                return Intent(
                    id: row[0],
                    address: try ResourceColumns.address(row[1]),
                    action: action,
                    remoteName: row[3],
                    createdAt: Date(timeIntervalSince1970: row[4])
                )
            }
        }
    }

    /// Replaces the state with `file` in one transaction.
    @discardableResult
    public func push(_ file: StateFile, context: CommitContext, lease: any StateLease) async throws -> Int64 {
        let workspace = workspace
        let leaseID = lease.info.id
        let current = try await load()
        let changes = try file.changes(against: current)
        let rows = try changes.map { change -> (ResourceAddress, ResourceColumns?) in
            switch change {
            case .put(let record): (record.address, try ResourceColumns(record: record))
            case .remove(let address): (address, nil)
            }
        }
        let now = configuration.clock.now()
        return try await write("pushing state '\(workspace)'") { db in
            try Self.checkLease(db, workspace: workspace, leaseID: leaseID, now: now)
            let state = try Self.ensureState(db, workspace: workspace, now: now)
            guard state.serial == current.serial else {
                throw StateError.staleSerial(workspace: workspace, expected: current.serial, actual: state.serial)
            }
            let serial = state.serial + 1
            for (address, columns) in rows {
                try Self.apply(
                    db,
                    workspace: workspace,
                    address: address,
                    columns: columns,
                    serial: serial,
                    context: context,
                    now: now
                )
            }
            try Self.bumpSerial(db, workspace: workspace, to: serial, lineage: file.lineage, now: now)
            return serial
        }
    }

    /// Re-seals every sealed value of every state, rows and history, in one transaction.
    @discardableResult
    public func rekey(from old: SecretSealer, to new: SecretSealer) async throws -> Int {
        try await write("re-sealing state values") { db in
            var count = 0
            for table in ["resource", "resource_history"] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.rowid, r.address, r.secrets, r.workspace, s.lineage
                        FROM \(table) r JOIN state s ON s.workspace = r.workspace
                        WHERE r.secrets LIKE '%\"sealed\"%'
                        """
                )
                for row in rows {
                    let address: String = row[1]
                    let secrets = try ResourceColumns.decodeSecrets(row[2])
                    let scope = SealScope(lineage: row[4], workspace: row[3])
                    let result = try old.reseal(secrets, address: address, scope: scope, under: new)
                    guard result.count > 0 else { continue }
                    count += result.count
                    try db.executeCached(
                        sql: "UPDATE \(table) SET secrets = ? WHERE rowid = ?",
                        arguments: [ResourceColumns.encodeSecrets(result.secrets), row[0] as Int64]
                    )
                }
            }
            return count
        }
    }

    /// Closes the file.
    public func close() async throws {
        try connection.close()
    }

    // MARK: - Shared steps

    struct StateRow {
        var lineage: String
        var serial: Int64
        var fingerprinter: SecretFingerprinter
    }

    static func fetchState(_ db: Database, workspace: String) throws -> StateRow? {
        guard
            let row = try Row.fetchOneCached(
                db,
                sql: "SELECT lineage, serial, fingerprint_salt FROM state WHERE workspace = ?",
                arguments: [workspace]
            )
        else { return nil }
        return StateRow(lineage: row[0], serial: row[1], fingerprinter: SecretFingerprinter(salt: row[2]))
    }

    /// Throws ``StateError/Code/leaseLost`` unless the lock row of `workspace` still carries `leaseID` and has not
    /// expired at `now`.
    static func checkLease(_ db: Database, workspace: String, leaseID: String, now: Date) throws {
        let expiresAt = try Double.fetchOneCached(
            db,
            sql: "SELECT expires_at FROM state_lock WHERE workspace = ? AND id = ?",
            arguments: [workspace, leaseID]
        )
        guard let expiresAt, expiresAt > now.timeIntervalSince1970 else {
            throw StateError.leaseLost(id: leaseID, workspace: workspace)
        }
    }

    /// The serial of `workspace`, once the lease `leaseID` is proven held at `now`: in one statement in the common
    /// case (the lock row and the state row joined), instead of reading the lock row and then the whole state row
    /// (with its salt) in every intent and commit transaction. When that statement finds nothing, the two steps
    /// it stands for run as before and decide: ``checkLease(_:workspace:leaseID:now:)`` throws
    /// ``StateError/Code/leaseLost``, else ``ensureState(_:workspace:now:)`` creates a missing state row.
    static func fencedSerial(_ db: Database, workspace: String, leaseID: String, now: Date) throws -> Int64 {
        if let serial = try Int64.fetchOneCached(
            db,
            sql: """
                SELECT s.serial FROM state_lock l JOIN state s ON s.workspace = l.workspace
                WHERE l.workspace = ? AND l.id = ? AND l.expires_at > ?
                """,
            arguments: [workspace, leaseID, now.timeIntervalSince1970]
        ) {
            return serial
        }
        try checkLease(db, workspace: workspace, leaseID: leaseID, now: now)
        return try ensureState(db, workspace: workspace, now: now).serial
    }

    static func ensureState(_ db: Database, workspace: String, now: Date) throws -> StateRow {
        if let state = try fetchState(db, workspace: workspace) { return state }
        let created = StateRow(
            lineage: RandomUUID.lowercasedString(),
            serial: 0,
            fingerprinter: .random()
        )
        try db.executeCached(
            sql: """
                INSERT INTO state (workspace, lineage, serial, fingerprint_salt, created_at, updated_at)
                VALUES (?, ?, 0, ?, ?, ?)
                """,
            arguments: [
                workspace, created.lineage, created.fingerprinter.salt, now.timeIntervalSince1970,
                now.timeIntervalSince1970,
            ]
        )
        return created
    }

    static func apply(
        _ db: Database,
        workspace: String,
        address resourceAddress: ResourceAddress,
        columns: ResourceColumns?,
        serial: Int64,
        context: CommitContext,
        now: Date
    ) throws {
        let address = resourceAddress.description
        if let columns {
            try ResourceRow(workspace: workspace, address: address, columns: columns, serial: serial).upsert(db)
        } else {
            try db.executeCached(
                sql: "DELETE FROM resource WHERE workspace = ? AND address = ?",
                arguments: [workspace, address]
            )
            if db.changesCount == 0 { throw StateError.resourceNotFound(resourceAddress, workspace: workspace) }
        }
        try db.executeCached(
            sql: """
                INSERT INTO resource_history (workspace, address, serial, action, kind, attributes, remote_ids,
                    secrets, dependencies, last_applied_at, last_verified_at, committed_at, author, command)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                workspace, address, serial, columns == nil ? "remove" : "put", columns?.kind, columns?.attributes,
                columns?.remoteIDs, columns?.secrets, columns?.dependencies,
                columns?.lastAppliedAt?.timeIntervalSince1970, columns?.lastVerifiedAt?.timeIntervalSince1970,
                now.timeIntervalSince1970, context.author, context.command,
            ]
        )
    }

    static func bumpSerial(_ db: Database, workspace: String, to serial: Int64, lineage: String?, now: Date) throws {
        if let lineage {
            try db.executeCached(
                sql: "UPDATE state SET serial = ?, lineage = ?, updated_at = ? WHERE workspace = ?",
                arguments: [serial, lineage, now.timeIntervalSince1970, workspace]
            )
        } else {
            try db.executeCached(
                sql: "UPDATE state SET serial = ?, updated_at = ? WHERE workspace = ?",
                arguments: [serial, now.timeIntervalSince1970, workspace]
            )
        }
    }

    static func historyEntry(_ row: Row) throws -> HistoryEntry {
        let text: String = row[0]
        let address = try ResourceColumns.address(text)
        let actionText: String = row[9]
        let action = HistoryEntry.Action(rawValue: actionText) ?? .put
        var record: ResourceRecord?
        if action == .put {
            record = try ResourceRow(workspace: "", row: row).columns.record(address: text)
        }
        return HistoryEntry(
            serial: row[8],
            address: address,
            action: action,
            record: record,
            committedAt: Date(timeIntervalSince1970: row[10]),
            author: row[11],
            command: row[12]
        )
    }

    // MARK: - Transactions

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction.
    ///
    /// `inline`: on the calling thread (GRDB's blocking access, which runs on the caller's thread while the
    /// connection is free) instead of hopping to GRDB's dispatch queue and back. The hop woke a second thread
    /// twice per transaction; the journal's batches (``writeJournal(_:expectingSerial:lease:context:)``, which also
    /// carries ``commit(_:expectingSerial:lease:context:clearingIntent:)`` and
    /// ``openIntent(address:action:remoteName:lease:)``) are a few dozen microseconds of CPU each, plus a disk sync
    /// when they hold an intent (about 135 us on the benchmark VM; the hop for synced writes measured no faster).
    /// A write that may wait long for another process's lock (taking or renewing the lock) keeps the hop and leaves
    /// the pool's thread free.
    ///
    /// `synced: false` (resource commits only) commits without syncing the WAL: the next synced write syncs it (see
    /// the type's note on durability).
    func write<T: Sendable>(
        _ operation: String,
        inline: Bool = false,
        synced: Bool = true,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        guard !readOnly else { throw StateError.readOnly(operation) }
        do {
            guard let queue = try connection.existingQueue() else {
                throw StateError.storage(operation, "the state database is missing")
            }
            let transaction = { @Sendable (db: Database) throws -> T in
                try db.executeCached(sql: synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                return try db.inCachedImmediateTransaction { try body(db) }
            }
            if inline { return try Self.writeOnThisThread(queue, transaction) }
            return try await queue.writeWithoutTransaction(transaction)
        } catch {
            throw Self.storageError(operation, error)
        }
    }

    /// GRDB's blocking write (a synchronous context, so the async overload is not chosen).
    private static func writeOnThisThread<T>(_ queue: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction(body)
    }

    /// Runs `body` in a read transaction; gives `missing` when the file does not exist (read-only handles).
    func read<T: Sendable>(
        _ operation: String,
        missing: @autoclosure () -> T,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            guard let queue = try connection.existingQueue() else { return missing() }
            return try await queue.read(body)
        } catch {
            throw Self.storageError(operation, error)
        }
    }

    static func storageError(_ operation: String, _ error: any Error) -> any Error {
        if let error = error as? StateError { return error }
        if let error = error as? DatabaseError {
            // The message only: never the statement's arguments.
            return StateError.storage(
                operation, "sqlite error \(error.resultCode.rawValue): \(error.message ?? "unknown")")
        }
        if error is CancellationError { return error }
        return StateError.storage(operation, String(describing: type(of: error)))
    }

    static func prepareFile(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw StateError.storage(
                    "creating state directory '\(directory)'", "permission denied or not a directory")
            }
        }
        // Created in place with O_EXCL, never through FileManager.createFile: that writes a temporary file and
        // renames it over the path, so a second process opening the same new state at the same moment replaced
        // the file the first had already opened and begun to migrate ("database disk image is malformed").
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).close()
        } else if errno != EEXIST {
            throw StateError.storage("creating state database '\(path)'", String(cString: strerror(errno)))
        }
        try tightenModes(path)
    }

    /// Makes the database and its `-wal`/`-shm` files owner-only *before* SQLite opens them: SQLite creates the
    /// WAL and shared-memory files with the database's mode, so a database left 0644 would give every user of
    /// the machine a readable copy of each write (sealed values aside, the whole state).
    static func tightenModes(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard lstat(file, &status) == 0 else { continue }
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw StateError.storage("opening state database '\(path)'", "'\(file)' is not a regular file")
            }
            if status.st_mode & 0o077 != 0, chmod(file, 0o600) != 0 {
                throw StateError.storage(
                    "opening state database '\(path)'",
                    "'\(file)' is readable by others and its mode cannot be tightened to 0600"
                )
            }
        }
    }
}

/// The file's connection, shared by every handle on it; opened lazily when a read-only handle finds the file missing.
final class SQLiteConnection: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var queue: DatabaseQueue?
    private var closed = false
    private let configuration: SQLiteStateStore.Configuration

    init(path: String, queue: DatabaseQueue?, configuration: SQLiteStateStore.Configuration = .init()) {
        self.path = path
        self.queue = queue
        self.configuration = configuration
    }

    /// The open queue, opening the file if it exists by now; `nil` while the file is missing. Never creates it.
    func existingQueue() throws -> DatabaseQueue? {
        try lock.withLock {
            if let queue { return queue }
            guard !closed, FileManager.default.fileExists(atPath: path) else { return nil }
            try SQLiteStateStore.tightenModes(path)
            // Only read-only stores open lazily: read-only at the SQLite level too, so a read leaves the file's
            // bytes as they were (a read-write connection bumps the header and checkpoints on close). A file
            // that still needs a migration is opened read-write and migrated, as before.
            let opened =
                try SQLiteStateStore.openReadOnlyQueue(path, configuration: configuration)
                ?? SQLiteStateStore.openQueue(path, configuration: configuration)
            queue = opened
            return opened
        }
    }

    func close() throws {
        let queue = lock.withLock {
            closed = true
            return self.queue
        }
        try queue?.close()
    }
}
