import Foundation

/// State shared between threads behind a lock: ``withLock(_:)`` gives its closure exclusive access.
///
/// Used instead of the standard library's `Mutex`: on Linux, ThreadSanitizer does not see `Mutex`'s futex-based
/// locking, and a run of the suite under `scripts/sanitize thread` halted on a "Swift access race" between two
/// accesses both made inside `withLock` of the same `Mutex` (the test runner's output buffer). `NSLock` is a
/// pthread mutex, whose lock and unlock ThreadSanitizer intercepts, so what it reports here is real.
public final class LockedState<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    /// Creates the lock around `state`.
    public init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with exclusive access to the state and returns what it returns.
    public func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
