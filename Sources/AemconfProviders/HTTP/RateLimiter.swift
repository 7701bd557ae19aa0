import AemconfModel
import Foundation

/// A client-side limit of calls per window for each credential, so aemconf does not provoke throttling.
///
/// Target allows 50 Admin API calls per minute per user and answers 503 beyond it; the default
/// limit matches. Waiting goes through the injected ``WallClock``, so tests run in virtual time.
public actor RateLimiter {
    /// The limit applied to every key.
    public struct Limit: Sendable, Equatable {
        /// Calls allowed in one window.
        public var calls: Int
        /// The window length.
        public var window: Duration

        /// Creates a limit.
        public init(calls: Int, per window: Duration) {
            self.calls = max(1, calls)
            self.window = window
        }

        /// Target's documented Admin API limit: 50 calls per minute.
        public static let targetDefault = Limit(calls: 50, per: .seconds(60))
    }

    private let limit: Limit
    private let clock: any WallClock
    private var history: [String: [Date]] = [:]

    /// Creates a limiter.
    public init(limit: Limit, clock: any WallClock) {
        self.limit = limit
        self.clock = clock
    }

    /// Waits until a call for `key` fits in the window, then records it.
    public func acquire(key: String, onWait: (@Sendable (Double) -> Void)? = nil) async throws {
        while true {
            let now = clock.now()
            let windowStart = now.addingTimeInterval(-limit.window.seconds)
            var calls = history[key, default: []].filter { $0 > windowStart }
            if calls.count < limit.calls {
                calls.append(now)
                history[key] = calls
                return
            }
            history[key] = calls
            let oldest = calls[0]
            let wait = oldest.addingTimeInterval(limit.window.seconds).timeIntervalSince(now)
            if wait > 1 { onWait?(wait) }
            try await clock.sleep(for: .seconds(fractional: max(wait, 0.001)))
        }
    }
}
