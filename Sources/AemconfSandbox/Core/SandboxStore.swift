import Foundation

/// The single owner of the sandbox's mutable state and clock.
///
/// Route handlers of every service read and mutate ``SandboxState`` only through this actor, so a
/// request sees a consistent state. The clock is the sandbox's own (settable through the admin API)
/// so tests control time: token expiry, JWT `exp`, the console's JWT cut-off date.
public actor SandboxStore {
    private var state: SandboxState
    private var clockOffset: TimeInterval = 0
    private var fixedNow: Date?

    /// Creates a store holding `state`.
    public init(state: SandboxState) {
        self.state = state
    }

    /// The sandbox's current time: the wall clock shifted by the admin API's offset, or a fixed time.
    public func now() -> Date {
        fixedNow ?? Date().addingTimeInterval(clockOffset)
    }

    /// Fixes the clock at `date` (admin API `PUT /_sandbox/clock`), or unfixes it with `nil`.
    public func setClock(_ date: Date?) {
        fixedNow = date
    }

    /// Moves the clock forward by `seconds` (admin API).
    public func advanceClock(by seconds: TimeInterval) {
        if let fixed = fixedNow {
            fixedNow = fixed.addingTimeInterval(seconds)
        } else {
            clockOffset += seconds
        }
    }

    /// Reads the state.
    public func read<T: Sendable>(_ body: (SandboxState) throws -> T) rethrows -> T {
        try body(state)
    }

    /// Mutates the state; the change is visible to the next request (and persisted by the owner of `--data`).
    public func mutate<T: Sendable>(_ body: (inout SandboxState) throws -> T) rethrows -> T {
        try body(&state)
    }

    /// A copy of the whole state (admin dump, persistence).
    public func snapshot() -> SandboxState {
        state
    }

    /// Replaces the whole state (admin load).
    public func replace(with newState: SandboxState) {
        state = newState
    }
}
