import AemconfState
import Foundation
import GRDB

extension SQLiteStateStore {
    /// Takes the lease on this named state; a lease whose holder is gone (its process no longer runs on this
    /// host, or it stopped heart-beating past its expiry) is taken over, and the takeover is logged.
    public func tryLock(_ request: LockRequest) async throws -> any StateLease {
        let workspace = workspace
        let now = configuration.clock.now()
        let info = LockInfo(
            id: RandomUUID.lowercasedString(),
            workspace: workspace,
            request: request,
            createdAt: now,
            heartbeatAt: now,
            expiresAt: now.addingTimeInterval(configuration.leaseDuration.timeInterval)
        )
        let previous = try await write("locking state '\(workspace)'") { db -> LockInfo? in
            _ = try Self.ensureState(db, workspace: workspace, now: now)
            let held = try LockRow.fetch(db, sql: "SELECT * FROM state_lock WHERE workspace = ?", [workspace]).first
            if let held {
                if Self.isAlive(held, now: now) { throw StateError.locked(by: held) }
                try db.executeCached(sql: "DELETE FROM state_lock WHERE workspace = ?", arguments: [workspace])
            }
            try LockRow.insert(info, db)
            return held
        }
        if let previous {
            configuration.logger.warning(
                "took over the lock of state '\(workspace)' from \(previous.holderDescription): its holder is gone"
            )
        }
        return SQLiteLease(info: info, store: self)
    }

    /// Every lease, with whether its holder is alive.
    public func locks() async throws -> [LockInfo] {
        let now = configuration.clock.now()
        return try await read("listing locks", missing: []) { db in
            try LockRow.fetch(db, sql: "SELECT * FROM state_lock ORDER BY workspace", []).map { lock in
                var lock = lock
                lock.alive = Self.isAlive(lock, now: now)
                return lock
            }
        }
    }

    /// Removes lease `id`; a live holder needs `force`.
    @discardableResult
    public func unlock(id: String, force: Bool) async throws -> LockInfo {
        let now = configuration.clock.now()
        return try await write("unlocking '\(id)'") { db in
            guard let held = try LockRow.fetch(db, sql: "SELECT * FROM state_lock WHERE id = ?", [id]).first else {
                throw StateError.lockNotFound(id)
            }
            if Self.isAlive(held, now: now) && !force { throw StateError.lockAlive(held) }
            try db.executeCached(sql: "DELETE FROM state_lock WHERE id = ?", arguments: [id])
            return held
        }
    }

    /// Renews lease `id`; `false` when the lease row is gone (broken by someone else).
    func renew(id: String) async throws -> Bool {
        let now = configuration.clock.now()
        let expiry = now.addingTimeInterval(configuration.leaseDuration.timeInterval)
        return try await write("renewing lock '\(id)'") { db in
            try db.executeCached(
                sql: "UPDATE state_lock SET heartbeat_at = ?, expires_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, expiry.timeIntervalSince1970, id]
            )
            return db.changesCount > 0
        }
    }

    /// Throws ``StateError/Code/leaseLost`` unless lease `id` is still the unexpired lock of `workspace`.
    func checkHeld(id: String, workspace: String) async throws {
        let now = configuration.clock.now()
        let found = try await read("checking lock '\(id)'", missing: false) { db in
            try Self.checkLease(db, workspace: workspace, leaseID: id, now: now)
            return true
        }
        if !found { throw StateError.leaseLost(id: id, workspace: workspace) }
    }

    /// Deletes lease `id` if it is still there.
    func release(id: String) async throws {
        try await write("releasing lock '\(id)'") { db in
            try db.executeCached(sql: "DELETE FROM state_lock WHERE id = ?", arguments: [id])
        }
    }

    /// A lease is alive until it expires, or until its holder's process is found gone on this host.
    static func isAlive(_ lock: LockInfo, now: Date) -> Bool {
        if let expiresAt = lock.expiresAt, expiresAt <= now { return false }
        if lock.host == ProcessLiveness.hostName && !ProcessLiveness.isRunning(pid: lock.pid) { return false }
        return true
    }
}

/// Reads and writes `state_lock` rows.
enum LockRow {
    static func fetch(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> [LockInfo] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            LockInfo(
                id: row["id"],
                workspace: row["workspace"],
                request: LockRequest(
                    operation: row["operation"],
                    user: row["user"],
                    host: row["host"],
                    pid: row["pid"],
                    ciRun: row["ci_run"]
                ),
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                heartbeatAt: Date(timeIntervalSince1970: row["heartbeat_at"]),
                expiresAt: Date(timeIntervalSince1970: row["expires_at"])
            )
        }
    }

    static func insert(_ info: LockInfo, _ db: Database) throws {
        try db.executeCached(
            sql: """
                INSERT INTO state_lock (workspace, id, operation, user, host, pid, ci_run, created_at, heartbeat_at,
                    expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                info.workspace, info.id, info.operation, info.user, info.host, info.pid, info.ciRun,
                info.createdAt.timeIntervalSince1970, (info.heartbeatAt ?? info.createdAt).timeIntervalSince1970,
                (info.expiresAt ?? info.createdAt).timeIntervalSince1970,
            ]
        )
    }
}
