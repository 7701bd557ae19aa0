import Foundation

/// The time source and sleeper every client uses, injected so tests never wait on the wall clock.
public protocol ServiceClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Suspends for `duration` (a virtual clock may only advance its time).
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemServiceClock: ServiceClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps with `Task.sleep`, honouring cancellation.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}

/// A source of uniformly distributed numbers in `0..<1` for retry jitter, injectable for tests.
public struct JitterSource: Sendable {
    private let next: @Sendable () -> Double

    /// Wraps a generator of values in `0..<1`.
    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    /// The system random generator.
    public static let system = JitterSource { Double.random(in: 0..<1) }

    /// Always the same value; `fixed(1)` makes every backoff its maximum.
    public static func fixed(_ value: Double) -> JitterSource { JitterSource { value } }

    /// The next value in `0...1`.
    public func unitValue() -> Double { min(max(next(), 0), 1) }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A duration from fractional seconds (negative values clamp to zero).
    static func seconds(fractional value: Double) -> Duration {
        guard value > 0, value.isFinite else { return .zero }
        return .nanoseconds(Int64(value * 1e9))
    }
}
