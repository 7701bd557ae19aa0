/// A held lock on one named state. Release it when the operation ends; a crashed holder's lease expires (SQLite)
/// or its session ends (PostgreSQL).
///
/// Writes take the lease as proof: the store checks, in the write's own transaction, that the lease still holds
/// the lock (its fencing token, ``LockInfo/id``, is still the lock of its named state).
public protocol StateLease: Sendable {
    /// The lock as recorded.
    var info: LockInfo { get }
    /// Throws ``StateError/Code/leaseLost`` when the lock is no longer held by this lease (released, taken over,
    /// broken, expired, or its session ended); for a check before a step, not a substitute for the write's own.
    func checkHeld() async throws
    /// Releases the lock; releasing twice is harmless.
    func release() async throws
}
