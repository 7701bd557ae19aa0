import Foundation
import NIOCore

/// The single owner of the sandbox's mutable state and clock.
///
/// Route handlers of every service read and mutate ``SandboxState`` only through this actor, so a
/// request sees a consistent state. The clock is the sandbox's own (settable through the admin API)
/// so tests control time: token expiry, JWT `exp`, the console's JWT cut-off date.
public actor SandboxStore {
    private var state: SandboxState
    private var clockOffset: TimeInterval = 0
    private var fixedNow: Date?
    private var changeHandler: (@Sendable () -> Void)?

    /// The store runs on the sandbox's event loop, where requests are handled: a request's visits to the store are
    /// then no thread hops (``SandboxEventLoop``).
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        SandboxEventLoop.loop.executor.asUnownedSerialExecutor()
    }

    /// Run-time switches (throttling, CSRF strictness); not persisted.
    public private(set) var settings: SandboxSettings

    /// How many times the state was changed since the store was created (persistence watermark).
    public private(set) var generation: UInt64 = 0

    /// Creates a store holding `state`.
    public init(state: SandboxState, settings: SandboxSettings = SandboxSettings()) {
        self.state = state
        self.settings = settings
    }

    /// The sandbox's current time: the wall clock shifted by the admin API's offset, or a fixed time.
    public func now() -> Date {
        fixedNow ?? Date().addingTimeInterval(clockOffset)
    }

    /// Fixes the clock at `date` (admin API `PUT /_sandbox/clock`), or unfixes it with `nil`.
    public func setClock(_ date: Date?) {
        fixedNow = date
        if date == nil { clockOffset = 0 }
    }

    /// Moves the clock forward by `seconds` (admin API).
    public func advanceClock(by seconds: TimeInterval) {
        if let fixed = fixedNow {
            fixedNow = fixed.addingTimeInterval(seconds)
        } else {
            clockOffset += seconds
        }
    }

    /// Whether the clock is fixed (`true`) or follows the wall clock with an offset.
    public func isClockFixed() -> Bool {
        fixedNow != nil
    }

    /// Reads the state.
    public func read<T: Sendable>(_ body: (SandboxState) throws -> T) rethrows -> T {
        try body(state)
    }

    /// Reads the state with the clock and the settings in one visit to the actor (a request that needs all
    /// three would otherwise queue on the actor three times).
    public func readWithClock<T: Sendable>(_ body: (SandboxState, Date, SandboxSettings) throws -> T) rethrows -> T {
        try body(state, now(), settings)
    }

    /// Mutates the state; the change is visible to the next request and scheduled for `--data`.
    ///
    /// The state is changed in place (no copy of large slices), so `body` should check everything
    /// before it writes: a throw after a partial write leaves that partial write in place.
    public func mutate<T: Sendable>(_ body: (inout SandboxState) throws -> T) rethrows -> T {
        defer { noteChange() }
        return try body(&state)
    }

    /// A copy of the whole state (admin dump, persistence).
    public func snapshot() -> SandboxState {
        state
    }

    /// A copy of the whole state with the generation it belongs to (persistence).
    public func snapshotWithGeneration() -> (SandboxState, UInt64) {
        (state, generation)
    }

    /// Replaces the whole state (admin load).
    public func replace(with newState: SandboxState) {
        state = newState
        noteChange()
    }

    /// Replaces the run-time settings.
    public func setSettings(_ newSettings: SandboxSettings) {
        settings = newSettings
    }

    /// Installs the function called after every change (the `--data` writer).
    public func setChangeHandler(_ handler: (@Sendable () -> Void)?) {
        changeHandler = handler
    }

    private func noteChange() {
        generation &+= 1
        changeHandler?()
    }
}
