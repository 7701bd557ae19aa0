import AemconfModel
import Foundation

/// A settable ``WallClock`` for tests: `sleep` advances virtual time at once and records the wait.
///
/// It starts on a whole second, so every store keeps its times exactly.
public final class VirtualClock: WallClock {
    private struct State {
        var now: Date
        var sleeps: [Duration] = []
    }

    private let state: LockedState<State>

    /// Starts at 2027-01-15T08:00:00Z (`1_800_000_000`) unless told otherwise.
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = LockedState(State(now: start))
    }

    /// The virtual time.
    public func now() -> Date { state.withLock { $0.now } }

    /// Records `duration` and moves the virtual time forward by it, without waiting.
    public func sleep(for duration: Duration) async throws {
        let parts = duration.components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        state.withLock {
            $0.sleeps.append(duration)
            $0.now = $0.now.addingTimeInterval(max(seconds, 0))
        }
    }

    /// Moves the virtual time forward by `interval` seconds (a negative interval moves it back).
    public func advance(by interval: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(interval) }
    }

    /// Every duration passed to ``sleep(for:)`` so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }
}
