import AemconfModel

/// The rate limiters of one run, one per credential, so every client that calls with the same credential draws
/// from one budget.
///
/// Target counts its 50 Admin API calls per minute per credential, not per client object: two ``TargetClient``s
/// built for the same client id (say, one per Target cloud service sharing an integration) must wait for each
/// other. A ``ServiceEnvironment`` carries one registry, so every client built from it shares the limiters.
public final class RateLimiterRegistry: Sendable {
    /// The limit each new limiter applies.
    public let limit: RateLimiter.Limit
    private let clock: any WallClock
    private let limiters = LockedState<[String: RateLimiter]>([:])

    /// Creates an empty registry whose limiters apply `limit` and wait on `clock`.
    public init(limit: RateLimiter.Limit = .targetDefault, clock: any WallClock) {
        self.limit = limit
        self.clock = clock
    }

    /// The limiter for `credentialID` (for Target, the client id sent as `x-api-key`), created on first use.
    public func limiter(for credentialID: String) -> RateLimiter {
        limiters.withLock { limiters in
            if let existing = limiters[credentialID] { return existing }
            let created = RateLimiter(limit: limit, clock: clock)
            limiters[credentialID] = created
            return created
        }
    }
}
