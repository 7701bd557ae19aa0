import Foundation

/// Tells whoever listens that a request waits: for a rate limiter's window or a retry's backoff (a progress bar
/// shows a throttle wait as such instead of a stalled rate).
public final class WaitReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable (ServiceKind, Double) -> Void)?

    /// Creates a reporter with no listener.
    public init() {}

    /// Installs (or with `nil` removes) the listener.
    public func setHandler(_ handler: (@Sendable (ServiceKind, Double) -> Void)?) {
        lock.lock()
        self.handler = handler
        lock.unlock()
    }

    /// A request to `service` waits `seconds`.
    public func report(_ service: ServiceKind, seconds: Double) {
        lock.lock()
        let handler = self.handler
        lock.unlock()
        handler?(service, seconds)
    }
}
