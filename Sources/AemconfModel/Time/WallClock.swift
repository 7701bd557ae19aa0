import Foundation

/// The source of the current time and of waiting, injected into state stores, service clients and the engine so
/// tests control lease expiry, token lifetimes and backoff without waiting on the real clock.
///
/// Named apart from Swift's `Clock`: this one reads calendar time (`Date`), which is what leases, tokens and
/// certificates are stamped with.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date

    /// Suspends for `duration`; a virtual clock may only advance its time.
    func sleep(for duration: Duration) async throws
}
