import Foundation

/// A lock on one named state, as recorded in the store and shown by `state lock list`.
public struct LockInfo: Sendable, Hashable, Codable {
    /// Unique id (what `state unlock` takes).
    public var id: String
    /// The named state.
    public var workspace: String
    /// The operation, e.g. `apply`.
    public var operation: String
    /// The user.
    public var user: String
    /// The host.
    public var host: String
    /// The process id.
    public var pid: Int32
    /// The CI run, when the holder runs in CI.
    public var ciRun: String?
    /// When the lock was taken.
    public var createdAt: Date
    /// The last heartbeat (SQLite leases).
    public var heartbeatAt: Date?
    /// When the lease expires without a heartbeat (SQLite leases).
    public var expiresAt: Date?
    /// Whether the holder is alive, when the store could tell (lock listings).
    public var alive: Bool?

    /// Creates lock info.
    public init(
        id: String,
        workspace: String,
        request: LockRequest,
        createdAt: Date,
        heartbeatAt: Date? = nil,
        expiresAt: Date? = nil,
        alive: Bool? = nil
    ) {
        self.id = id
        self.workspace = workspace
        self.operation = request.operation
        self.user = request.user
        self.host = request.host
        self.pid = request.pid
        self.ciRun = request.ciRun
        self.createdAt = createdAt
        self.heartbeatAt = heartbeatAt
        self.expiresAt = expiresAt
        self.alive = alive
    }

    /// The request this lock was taken with.
    public var request: LockRequest {
        LockRequest(operation: operation, user: user, host: host, pid: pid, ciRun: ciRun)
    }

    /// `alice@build-7 (pid 4121, operation 'apply', since 2026-05-01T10:00:00Z, lock id '…', ci …)`.
    public var holderDescription: String {
        var text = "\(user)@\(host) (pid \(pid), operation '\(operation)', since \(Self.format(createdAt))"
        if let ciRun { text += ", ci run '\(ciRun)'" }
        return text + ", lock id '\(id)')"
    }

    /// ISO 8601 in UTC.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
