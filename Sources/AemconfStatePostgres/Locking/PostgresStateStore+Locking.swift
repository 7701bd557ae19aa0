import AemconfState
import Foundation
import Logging
import PostgresNIO

extension PostgresStateStore {
    /// Takes the session-scoped advisory lock of this named state on a new, dedicated connection and records the
    /// holder row. A crashed holder's session ends, which releases its advisory lock; its row is then replaced
    /// and the takeover logged.
    public func tryLock(_ request: LockRequest) async throws -> any StateLease {
        let workspace = workspace
        let now = configuration.clock.now()
        _ = try await load()
        let key = AdvisoryLockKey.forWorkspace(workspace)
        let lockSession = try await PostgresSession.connect(session.url, logger: session.logger)
        let info = LockInfo(id: RandomUUID.lowercasedString(), workspace: workspace, request: request, createdAt: now)
        let logger = session.logger
        let previous: LockInfo?
        do {
            previous = try await lockSession.exclusive("locking state '\(workspace)'") { connection in
                let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
                var acquired = false
                for try await value in rows.decode(Bool.self) { acquired = value }
                guard acquired else { return LockInfo?.none }
                return try await connection.withTransaction(logger: logger) { connection in
                    let stale = try await Self.lockRows(
                        connection,
                        "SELECT \(unescaped: Self.lockColumns) FROM state_lock WHERE workspace = \(workspace)",
                        logger: logger
                    ).first
                    try await connection.query("DELETE FROM state_lock WHERE workspace = \(workspace)", logger: logger)
                    try await connection.query(
                        """
                        INSERT INTO state_lock (workspace, id, operation, "user", host, pid, ci_run, created_at,
                            backend_pid)
                        VALUES (\(workspace), \(info.id), \(info.operation), \(info.user), \(info.host), \(info.pid),
                            \(info.ciRun), \(now), pg_backend_pid())
                        """,
                        logger: logger
                    )
                    return stale ?? info
                }
            }
        } catch {
            await lockSession.close()
            throw PostgresErrors.map("locking state '\(workspace)'", error)
        }
        guard let previous else {
            await lockSession.close()
            let holder = try await locks().first { $0.workspace == workspace }
            throw StateError.locked(by: holder ?? Self.unknownHolder(workspace: workspace, now: now))
        }
        if previous.id != info.id {
            configuration.logger.warning(
                "took over the lock of state '\(workspace)' from \(previous.holderDescription): its session ended"
            )
        }
        return PostgresLease(info: info, key: key, lockSession: lockSession)
    }

    /// Every holder row, alive when its session still holds the advisory lock.
    public func locks() async throws -> [LockInfo] {
        try await reading("listing locks", missing: []) { connection in
            try await Self.lockRows(
                connection,
                """
                SELECT \(unescaped: Self.lockColumns), EXISTS (
                    SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.pid = s.backend_pid
                ) FROM state_lock s ORDER BY workspace
                """,
                logger: session.logger
            )
        }
    }

    /// Removes lock `id`; a live holder needs `force`, which ends the holder's session.
    @discardableResult
    public func unlock(id: String, force: Bool) async throws -> LockInfo {
        let logger = session.logger
        return try await writing("unlocking '\(id)'") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.lockColumns), EXISTS (
                    SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.pid = s.backend_pid
                ), backend_pid FROM state_lock s WHERE id = \(id) FOR UPDATE
                """,
                logger: logger
            )
            var found: (LockInfo, Int32)?
            for try await row in rows {
                let lock = try Self.lockInfo(row)
                let backendPID = try row.decode(
                    (String, String, String, String, String, Int32, String?, Date, Bool, Int32).self
                ).9
                found = (lock, backendPID)
            }
            guard let (lock, backendPID) = found else { throw StateError.lockNotFound(id) }
            if lock.alive == true {
                guard force else { throw StateError.lockAlive(lock) }
                try await connection.query("SELECT pg_terminate_backend(\(backendPID))", logger: logger)
            }
            try await connection.query("DELETE FROM state_lock WHERE id = \(id)", logger: logger)
            return lock
        }
    }

    static let lockColumns = "workspace, id, operation, \"user\", host, pid, ci_run, created_at"

    static func lockRows(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws
        -> [LockInfo]
    {
        var locks: [LockInfo] = []
        for try await row in try await connection.query(query, logger: logger) {
            locks.append(try lockInfo(row))
        }
        return locks
    }

    static func lockInfo(_ row: PostgresRow) throws -> LockInfo {
        let cells = row.makeRandomAccess()
        let alive: Bool? = cells.count > 8 ? try cells[8].decode(Bool.self) : nil
        return LockInfo(
            id: try cells[1].decode(String.self),
            workspace: try cells[0].decode(String.self),
            request: LockRequest(
                operation: try cells[2].decode(String.self),
                user: try cells[3].decode(String.self),
                host: try cells[4].decode(String.self),
                pid: try cells[5].decode(Int32.self),
                ciRun: try cells[6].decode(String?.self)
            ),
            createdAt: try cells[7].decode(Date.self),
            alive: alive
        )
    }

    static func unknownHolder(workspace: String, now: Date) -> LockInfo {
        LockInfo(
            id: "unknown",
            workspace: workspace,
            request: LockRequest(operation: "unknown", user: "unknown", host: "unknown", pid: 0),
            createdAt: now
        )
    }
}

/// A held advisory lock: its dedicated connection stays open until ``release()``.
final class PostgresLease: StateLease, @unchecked Sendable {
    let info: LockInfo
    private let key: Int64
    private let lockSession: PostgresSession
    private let lock = NSLock()
    private var released = false

    init(info: LockInfo, key: Int64, lockSession: PostgresSession) {
        self.info = info
        self.key = key
        self.lockSession = lockSession
    }

    func checkHeld() async throws {
        let lost = StateError.leaseLost(id: info.id, workspace: info.workspace)
        let released = lock.withLock { self.released }
        guard !released, !lockSession.connection.isClosed else { throw lost }
        let id = info.id
        let workspace = info.workspace
        let logger = lockSession.logger
        let held: Bool
        do {
            // On the lease's own connection: a dropped connection fails here, and the lock must be this backend's.
            held = try await lockSession.exclusive("checking lock '\(id)'") { connection in
                let rows = try await connection.query(
                    "SELECT backend_pid FROM state_lock WHERE workspace = \(workspace) AND id = \(id)",
                    logger: logger
                )
                var backendPID: Int32?
                for try await pid in rows.decode(Int32.self) { backendPID = pid }
                guard let backendPID else { return false }
                let own = try await connection.query("SELECT pg_backend_pid()", logger: logger)
                var ownPID: Int32?
                for try await pid in own.decode(Int32.self) { ownPID = pid }
                guard ownPID == backendPID else { return false }
                return try await PostgresStateStore.holdsAdvisoryLock(
                    connection,
                    backendPID: backendPID,
                    workspace: workspace,
                    logger: logger
                )
            }
        } catch {
            throw lost
        }
        if !held { throw lost }
    }

    func release() async throws {
        let first = lock.withLock {
            defer { released = true }
            return !released
        }
        guard first else { return }
        let id = info.id
        let key = key
        let session = lockSession
        let logger = session.logger
        // A connection the server already ended (crash, forced unlock) holds nothing; never wait on it for long.
        if !session.connection.isClosed {
            await Self.bounded(.seconds(5)) {
                _ = try? await session.exclusive("releasing lock '\(id)'") { connection in
                    try await connection.query("DELETE FROM state_lock WHERE id = \(id)", logger: logger)
                    try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                }
            }
        }
        await Self.bounded(.seconds(5)) { await session.close() }
    }

    /// Runs `work` but stops waiting for it after `limit`.
    private static func bounded(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async {
        let done = AsyncStream<Void>.makeStream()
        let worker = Task {
            await work()
            done.continuation.yield()
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            done.continuation.yield()
        }
        var iterator = done.stream.makeAsyncIterator()
        _ = await iterator.next()
        timer.cancel()
        worker.cancel()
    }
}
