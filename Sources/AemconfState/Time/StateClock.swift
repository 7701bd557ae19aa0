import Foundation

/// A source of the current time, injected into stores so tests control lease expiry and timestamps.
public protocol StateClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct SystemStateClock: StateClock {
    /// Creates the wall clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }
}
