import AemconfModel
import AemconfState
import Foundation
import Logging
import PostgresNIO

/// The team ``StateStore``: named states in a PostgreSQL database (postgres-nio).
///
/// Each method is one transaction on the store's connection; commits lock the state row (`FOR UPDATE`) and
/// compare-and-swap the serial. Locks are session-scoped advisory locks held on a dedicated connection per lock;
/// every write checks in its transaction that the lease's holder row is still there (locked `FOR SHARE`, so a
/// takeover waits for the write) and that the lease's backend still holds the advisory lock.
///
/// Connected with `readOnly: true`, the store creates no table and no row: a database without the schema reads
/// as empty, and writes are refused.
public final class PostgresStateStore: StateStore {
    /// Options for the PostgreSQL store.
    public struct Configuration: Sendable {
        /// The clock for timestamps.
        public var clock: any WallClock
        /// Where takeovers are logged.
        public var logger: Logger
        /// Receives warnings about the connection (clear text to a remote host), one sentence each.
        public var warning: @Sendable (String) -> Void

        /// Creates a configuration.
        public init(
            clock: any WallClock = SystemWallClock(),
            logger: Logger = Logger(label: "aemconf.state.postgres"),
            warning: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.clock = clock
            self.logger = logger
            self.warning = warning
        }
    }

    /// The named state of this handle.
    public let workspace: String
    /// Whether this handle only reads (it creates no table or row and refuses writes).
    public let readOnly: Bool
    let session: PostgresSession
    let configuration: Configuration

    init(workspace: String, session: PostgresSession, configuration: Configuration, readOnly: Bool = false) {
        self.workspace = workspace
        self.session = session
        self.configuration = configuration
        self.readOnly = readOnly
    }

    /// Connects to the database at `url` and migrates it. With `readOnly`, a database without the schema is left
    /// as it is (and reads as empty); an existing schema is still brought up to date.
    public static func connect(
        url: String,
        workspace: String = "default",
        configuration: Configuration = .init(),
        readOnly: Bool = false
    ) async throws -> PostgresStateStore {
        let postgresURL = try PostgresURL(url)
        postgresURL.warnings.forEach(configuration.warning)
        let session = try await PostgresSession.connect(postgresURL, logger: configuration.logger)
        do {
            let migrates = readOnly ? try await schemaExists(session) : true
            if migrates { try await migrate(session) }
        } catch {
            await session.close()
            throw error
        }
        return PostgresStateStore(
            workspace: workspace, session: session, configuration: configuration, readOnly: readOnly)
    }

    /// Whether the schema has been created (the migrations table exists).
    static func schemaExists(_ session: PostgresSession) async throws -> Bool {
        try await session.exclusive("reading the schema") { connection in
            try await schemaExists(connection, logger: session.logger)
        }
    }

    static func schemaExists(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT to_regclass('schema_migration') IS NOT NULL AND to_regclass('state_lock') IS NOT NULL",
            logger: logger
        )
        var exists = false
        for try await value in rows.decode(Bool.self) { exists = value }
        return exists
    }

    /// Runs `body` alone on the connection; a read-only handle on a database without the schema gives `missing`.
    func reading<T: Sendable>(
        _ operation: String,
        missing: @autoclosure () -> T,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let readOnly = readOnly
        let logger = session.logger
        let result: T? = try await session.exclusive(operation) { connection in
            if readOnly {
                let exists = try await Self.schemaExists(connection, logger: logger)
                if !exists { return nil }
            }
            return try await body(connection)
        }
        return result ?? missing()
    }

    /// Runs `body` in one transaction; refused on a read-only handle.
    func writing<T: Sendable>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard !readOnly else { throw StateError.readOnly(operation) }
        return try await session.transaction(operation, body)
    }

    /// A handle on another named state of the same database (same connection).
    public func workspace(named name: String) -> any StateStore {
        PostgresStateStore(workspace: name, session: session, configuration: configuration, readOnly: readOnly)
    }

    /// The names of the applied migrations, in order.
    public func appliedMigrations() async throws -> [String] {
        try await reading("reading migrations", missing: []) { connection in
            var names: [String] = []
            let rows = try await connection.query(
                "SELECT name FROM schema_migration ORDER BY name",
                logger: session.logger
            )
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }

    /// The named states.
    public func workspaces() async throws -> [String] {
        try await reading("listing states", missing: []) { connection in
            var names: [String] = []
            let rows = try await connection.query(
                "SELECT workspace FROM state ORDER BY workspace", logger: session.logger)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }

    /// Loads, creating when missing.
    public func load() async throws -> StateSnapshot {
        let workspace = workspace
        let now = configuration.clock.now()
        let logger = session.logger
        return try await writing("loading state '\(workspace)'") { connection in
            let state = try await Self.ensureState(connection, workspace: workspace, now: now, logger: logger)
            return try await Self.snapshot(connection, workspace: workspace, state: state, logger: logger)
        }
    }

    /// Reads without creating anything: no schema, or no state row, reads as empty.
    public func read() async throws -> StateSnapshot {
        let workspace = workspace
        let logger = session.logger
        return try await reading("reading state '\(workspace)'", missing: .empty(workspace: workspace)) { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let rows = try await connection.query(
                    "SELECT lineage, serial, fingerprint_salt FROM state WHERE workspace = \(workspace)",
                    logger: logger
                )
                var state: StateRow?
                for try await (lineage, serial, salt) in rows.decode((String, Int64, Data).self) {
                    state = StateRow(lineage: lineage, serial: serial, fingerprinter: SecretFingerprinter(salt: salt))
                }
                var snapshot = StateSnapshot.empty(workspace: workspace)
                if let state {
                    snapshot = try await Self.snapshot(connection, workspace: workspace, state: state, logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
                return snapshot
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    static func snapshot(_ connection: PostgresConnection, workspace: String, state: StateRow, logger: Logger)
        async throws -> StateSnapshot
    {
        var resources: [ResourceAddress: ResourceRecord] = [:]
        let rows = try await connection.query(
            """
            SELECT address, kind, attributes, remote_ids, secrets, dependencies, last_applied_at, last_verified_at
            FROM resource WHERE workspace = \(workspace)
            """,
            logger: logger
        )
        for try await row in rows.decode(
            (String, String, String, String, String, String, Date?, Date?).self
        ) {
            let columns = ResourceColumns(
                kind: row.1,
                attributes: row.2,
                remoteIDs: row.3,
                secrets: row.4,
                dependencies: row.5,
                lastAppliedAt: row.6,
                lastVerifiedAt: row.7
            )
            let record = try columns.record(address: row.0)
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

    /// Commits one change (lease check, compare-and-swap on the serial) in one transaction.
    @discardableResult
    public func commit(
        _ change: ResourceChange,
        expectingSerial: Int64,
        lease: any StateLease,
        context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64 {
        let leaseID = lease.info.id
        let columns: ResourceColumns? =
            switch change {
            case .put(let record): try ResourceColumns(record: record)
            case .remove: nil
            }
        let workspace = workspace
        let now = configuration.clock.now()
        let logger = session.logger
        return try await writing("committing '\(change.address)' to state '\(workspace)'") { connection in
            try await Self.checkLease(connection, workspace: workspace, leaseID: leaseID, logger: logger)
            let state = try await Self.ensureState(connection, workspace: workspace, now: now, logger: logger)
            guard state.serial == expectingSerial else {
                throw StateError.staleSerial(workspace: workspace, expected: expectingSerial, actual: state.serial)
            }
            let serial = state.serial + 1
            try await Self.apply(
                connection,
                workspace: workspace,
                address: change.address,
                columns: columns,
                serial: serial,
                context: context,
                now: now,
                logger: logger
            )
            if let clearingIntent {
                try await connection.query(
                    "DELETE FROM intent WHERE id = \(clearingIntent) AND workspace = \(workspace)",
                    logger: logger
                )
            }
            try await connection.query(
                "UPDATE state SET serial = \(serial), updated_at = \(now) WHERE workspace = \(workspace)",
                logger: logger
            )
            return serial
        }
    }

    /// History, oldest first.
    public func history(address: ResourceAddress?) async throws -> [HistoryEntry] {
        let workspace = workspace
        let address = address?.description
        return try await reading("reading history of state '\(workspace)'", missing: []) { connection in
            let rows: PostgresRowSequence
            if let address {
                rows = try await connection.query(
                    """
                    SELECT \(unescaped: Self.historyColumns) FROM resource_history
                    WHERE workspace = \(workspace) AND address = \(address) ORDER BY serial, address
                    """,
                    logger: session.logger
                )
            } else {
                rows = try await connection.query(
                    """
                    SELECT \(unescaped: Self.historyColumns) FROM resource_history
                    WHERE workspace = \(workspace) ORDER BY serial, address
                    """,
                    logger: session.logger
                )
            }
            return try await Self.historyEntries(rows)
        }
    }

    /// The version of `address` at `serial`.
    public func resource(_ address: ResourceAddress, atSerial serial: Int64) async throws -> ResourceRecord {
        let workspace = workspace
        let text = address.description
        let entries = try await reading("reading history of '\(address)'", missing: [HistoryEntry]()) { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.historyColumns) FROM resource_history
                WHERE workspace = \(workspace) AND address = \(text) AND serial <= \(serial)
                ORDER BY serial DESC LIMIT 1
                """,
                logger: session.logger
            )
            return try await Self.historyEntries(rows)
        }
        guard let entry = entries.first, let record = entry.record else {
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
        let workspace = workspace
        let leaseID = lease.info.id
        let now = configuration.clock.now()
        let intent = Intent(
            id: RandomUUID.lowercasedString(),
            address: address,
            action: action,
            remoteName: remoteName,
            createdAt: now
        )
        let logger = session.logger
        try await writing("writing intent for '\(address)'") { connection in
            try await Self.checkLease(connection, workspace: workspace, leaseID: leaseID, logger: logger)
            _ = try await Self.ensureState(connection, workspace: workspace, now: now, logger: logger)
            try await connection.query(
                """
                INSERT INTO intent (id, workspace, address, action, remote_name, created_at)
                VALUES (\(intent.id), \(workspace), \(address.description), \(action.rawValue), \(remoteName), \(now))
                """,
                logger: logger
            )
        }
        return intent
    }

    /// Clears an intent, if `lease` holds the lock.
    public func clearIntent(id: String, lease: any StateLease) async throws {
        let workspace = workspace
        let leaseID = lease.info.id
        let logger = session.logger
        let found = try await writing("clearing intent '\(id)'") { connection in
            try await Self.checkLease(connection, workspace: workspace, leaseID: leaseID, logger: logger)
            let rows = try await connection.query(
                "DELETE FROM intent WHERE id = \(id) AND workspace = \(workspace) RETURNING id",
                logger: logger
            )
            var found = false
            for try await _ in rows.decode(String.self) { found = true }
            return found
        }
        if !found { throw StateError(.intentNotFound, "no open intent '\(id)' in state '\(workspace)'") }
    }

    /// Open intents, oldest first.
    public func openIntents() async throws -> [Intent] {
        let workspace = workspace
        return try await reading("reading intents of state '\(workspace)'", missing: []) { connection in
            let rows = try await connection.query(
                """
                SELECT id, address, action, remote_name, created_at FROM intent
                WHERE workspace = \(workspace) ORDER BY created_at, id
                """,
                logger: session.logger
            )
            var intents: [Intent] = []
            for try await (id, address, actionText, remoteName, createdAt) in rows.decode(
                (String, String, String, String, Date).self
            ) {
                guard let action = Intent.Action(rawValue: actionText) else {
                    throw StateError(.corruptRow, "intent '\(id)' has unknown action '\(actionText)'")
                }
                intents.append(
                    Intent(
                        id: id,
                        address: try ResourceColumns.address(address),
                        action: action,
                        remoteName: remoteName,
                        createdAt: createdAt
                    )
                )
            }
            return intents
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
        let logger = session.logger
        return try await writing("pushing state '\(workspace)'") { connection in
            try await Self.checkLease(connection, workspace: workspace, leaseID: leaseID, logger: logger)
            let state = try await Self.ensureState(connection, workspace: workspace, now: now, logger: logger)
            guard state.serial == current.serial else {
                throw StateError.staleSerial(workspace: workspace, expected: current.serial, actual: state.serial)
            }
            let serial = state.serial + 1
            for (address, columns) in rows {
                try await Self.apply(
                    connection,
                    workspace: workspace,
                    address: address,
                    columns: columns,
                    serial: serial,
                    context: context,
                    now: now,
                    logger: logger
                )
            }
            try await connection.query(
                """
                UPDATE state SET serial = \(serial), lineage = \(file.lineage), updated_at = \(now)
                WHERE workspace = \(workspace)
                """,
                logger: logger
            )
            return serial
        }
    }

    /// Re-seals every sealed value of every state, rows and history, in one transaction.
    @discardableResult
    public func rekey(from old: SecretSealer, to new: SecretSealer) async throws -> Int {
        let logger = session.logger
        return try await writing("re-sealing state values") { connection in
            var count = 0
            for table in ["resource", "resource_history"] {
                let rows = try await connection.query(
                    """
                    SELECT r.ctid::text, r.address, r.secrets, r.workspace, s.lineage
                    FROM \(unescaped: table) r JOIN state s ON s.workspace = r.workspace
                    WHERE r.secrets LIKE '%"sealed"%' FOR UPDATE OF r
                    """,
                    logger: logger
                )
                var updates: [(String, String)] = []
                for try await (rowID, address, secretsText, workspace, lineage) in rows.decode(
                    (String, String, String, String, String).self
                ) {
                    let secrets = try ResourceColumns.decodeSecrets(secretsText)
                    let scope = SealScope(lineage: lineage, workspace: workspace)
                    let result = try old.reseal(secrets, address: address, scope: scope, under: new)
                    guard result.count > 0 else { continue }
                    count += result.count
                    updates.append((rowID, ResourceColumns.encodeSecrets(result.secrets)))
                }
                for (rowID, secrets) in updates {
                    try await connection.query(
                        "UPDATE \(unescaped: table) SET secrets = \(secrets) WHERE ctid = \(rowID)::tid",
                        logger: logger
                    )
                }
            }
            return count
        }
    }

    /// Closes the connection.
    public func close() async throws {
        await session.close()
    }

    // MARK: - Shared steps

    struct StateRow: Sendable {
        var lineage: String
        var serial: Int64
        var fingerprinter: SecretFingerprinter
    }

    /// Throws ``StateError/Code/leaseLost`` unless lease `leaseID` is still the holder row of `workspace` (locked
    /// `FOR SHARE` until the transaction ends, so a takeover waits) and its backend still holds the advisory lock.
    static func checkLease(_ connection: PostgresConnection, workspace: String, leaseID: String, logger: Logger)
        async throws
    {
        let rows = try await connection.query(
            "SELECT backend_pid FROM state_lock WHERE workspace = \(workspace) AND id = \(leaseID) FOR SHARE",
            logger: logger
        )
        var backendPID: Int32?
        for try await pid in rows.decode(Int32.self) { backendPID = pid }
        guard let backendPID,
            try await holdsAdvisoryLock(connection, backendPID: backendPID, workspace: workspace, logger: logger)
        else {
            throw StateError.leaseLost(id: leaseID, workspace: workspace)
        }
    }

    /// Whether backend `backendPID` holds the session advisory lock of `workspace` in this database.
    static func holdsAdvisoryLock(
        _ connection: PostgresConnection,
        backendPID: Int32,
        workspace: String,
        logger: Logger
    ) async throws -> Bool {
        // pg_locks shows a bigint advisory key as classid (high half) and objid (low half), with objsubid 1.
        let key = UInt64(bitPattern: AdvisoryLockKey.forWorkspace(workspace))
        let high = Int64(key >> 32)
        let low = Int64(key & 0xffff_ffff)
        let rows = try await connection.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = \(backendPID)
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND objsubid = 1 AND classid::int8 = \(high) AND objid::int8 = \(low)
            )
            """,
            logger: logger
        )
        var held = false
        for try await value in rows.decode(Bool.self) { held = value }
        return held
    }

    /// Reads (locking it for the transaction) or creates the state row.
    static func ensureState(_ connection: PostgresConnection, workspace: String, now: Date, logger: Logger)
        async throws -> StateRow
    {
        try await connection.query(
            """
            INSERT INTO state (workspace, lineage, serial, fingerprint_salt, created_at, updated_at)
            VALUES (\(workspace), \(RandomUUID.lowercasedString()), 0, \(SecretFingerprinter.random().salt),
                \(now), \(now))
            ON CONFLICT (workspace) DO NOTHING
            """,
            logger: logger
        )
        let rows = try await connection.query(
            "SELECT lineage, serial, fingerprint_salt FROM state WHERE workspace = \(workspace) FOR UPDATE",
            logger: logger
        )
        for try await (lineage, serial, salt) in rows.decode((String, Int64, Data).self) {
            return StateRow(lineage: lineage, serial: serial, fingerprinter: SecretFingerprinter(salt: salt))
        }
        throw StateError.storage("reading state '\(workspace)'", "the state row vanished")
    }

    static func apply(
        _ connection: PostgresConnection,
        workspace: String,
        address resourceAddress: ResourceAddress,
        columns: ResourceColumns?,
        serial: Int64,
        context: CommitContext,
        now: Date,
        logger: Logger
    ) async throws {
        let address = resourceAddress.description
        if let columns {
            try await connection.query(
                """
                INSERT INTO resource (workspace, address, kind, attributes, remote_ids, secrets, dependencies,
                    last_applied_at, last_verified_at, serial)
                VALUES (\(workspace), \(address), \(columns.kind), \(columns.attributes), \(columns.remoteIDs),
                    \(columns.secrets), \(columns.dependencies), \(columns.lastAppliedAt), \(columns.lastVerifiedAt),
                    \(serial))
                ON CONFLICT (workspace, address) DO UPDATE SET
                    kind = excluded.kind, attributes = excluded.attributes, remote_ids = excluded.remote_ids,
                    secrets = excluded.secrets, dependencies = excluded.dependencies,
                    last_applied_at = excluded.last_applied_at, last_verified_at = excluded.last_verified_at,
                    serial = excluded.serial
                """,
                logger: logger
            )
        } else {
            let rows = try await connection.query(
                "DELETE FROM resource WHERE workspace = \(workspace) AND address = \(address) RETURNING address",
                logger: logger
            )
            var found = false
            for try await _ in rows.decode(String.self) { found = true }
            if !found { throw StateError.resourceNotFound(resourceAddress, workspace: workspace) }
        }
        let action = columns == nil ? "remove" : "put"
        try await connection.query(
            """
            INSERT INTO resource_history (workspace, address, serial, action, kind, attributes, remote_ids, secrets,
                dependencies, last_applied_at, last_verified_at, committed_at, author, command)
            VALUES (\(workspace), \(address), \(serial), \(action), \(columns?.kind), \(columns?.attributes),
                \(columns?.remoteIDs), \(columns?.secrets), \(columns?.dependencies), \(columns?.lastAppliedAt),
                \(columns?.lastVerifiedAt), \(now), \(context.author), \(context.command))
            """,
            logger: logger
        )
    }

    static let historyColumns = """
        address, serial, action, kind, attributes, remote_ids, secrets, dependencies, last_applied_at,
        last_verified_at, committed_at, author, command
        """

    static func historyEntries(_ rows: PostgresRowSequence) async throws -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        for try await row in rows {
            let cells = try row.decode(
                (
                    String, Int64, String, String?, String?, String?, String?, String?, Date?, Date?, Date, String,
                    String
                ).self
            )
            var record: ResourceRecord?
            if cells.2 == "put", let kind = cells.3, let attributes = cells.4, let remoteIDs = cells.5,
                let secrets = cells.6, let dependencies = cells.7
            {
                record = try ResourceColumns(
                    kind: kind,
                    attributes: attributes,
                    remoteIDs: remoteIDs,
                    secrets: secrets,
                    dependencies: dependencies,
                    lastAppliedAt: cells.8,
                    lastVerifiedAt: cells.9
                ).record(address: cells.0)
            }
            entries.append(
                HistoryEntry(
                    serial: cells.1,
                    address: try ResourceColumns.address(cells.0),
                    action: HistoryEntry.Action(rawValue: cells.2) ?? .put,
                    record: record,
                    committedAt: cells.10,
                    author: cells.11,
                    command: cells.12
                )
            )
        }
        return entries
    }

    /// Runs the migrations not yet applied, each in its own transaction, serialised across processes by a
    /// transaction-scoped advisory lock.
    static func migrate(_ session: PostgresSession) async throws {
        let logger = session.logger
        for migration in PostgresMigrations.all {
            try await session.transaction("migrating the state database ('\(migration.name)')") { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migration (
                        name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """,
                    logger: logger
                )
                let rows = try await connection.query(
                    "SELECT name FROM schema_migration WHERE name = \(migration.name)",
                    logger: logger
                )
                var applied = false
                for try await _ in rows.decode(String.self) { applied = true }
                guard !applied else { return }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (name) VALUES (\(migration.name))",
                    logger: logger
                )
            }
        }
    }

    static let migrationLockKey: Int64 = 0x6165_6d63_6f6e_6600
}
