/// A one-way "stop after the running step" flag: the CLI sets it on the first Ctrl-C, long operations poll or
/// await it without knowing about signals.
///
/// Legal transitions: not requested → requested; it never goes back.
public final class InterruptFlag: Sendable {
    private struct State {
        var requested = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = LockedState(State())

    /// Creates a flag that is not requested.
    public init() {}

    /// Whether a stop was requested: finish the running step, start no new one.
    public var isRequested: Bool { state.withLock { $0.requested } }

    /// Requests the stop and wakes every ``waitUntilRequested()``; later calls do nothing.
    public func request() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.requested else { return [] }
            state.requested = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the stop is requested (at once if it already is), or when the calling task is cancelled.
    public func waitUntilRequested() async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.requested || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
