import Foundation

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps with `Task.sleep`, honouring cancellation; a zero or negative duration returns at once.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
