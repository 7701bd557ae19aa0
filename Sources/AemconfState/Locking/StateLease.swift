/// A held lock on one named state. Release it when the operation ends; a crashed holder's lease expires (SQLite)
/// or its session ends (PostgreSQL).
public protocol StateLease: Sendable {
    /// The lock as recorded.
    var info: LockInfo { get }
    /// Releases the lock; releasing twice is harmless.
    func release() async throws
}
