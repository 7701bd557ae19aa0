import AemconfProviders
import AemconfTestSupport
import Testing

@Suite struct RateLimiterTests {
    @Test func theCallOverTheLimitWaitsForTheWindow() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limit: .targetDefault, clock: clock)
        for _ in 0..<50 { try await limiter.acquire(key: "client-a") }
        #expect(clock.sleeps.isEmpty)
        try await limiter.acquire(key: "client-a")
        #expect(clock.sleeps.count == 1)
        #expect(clock.sleeps.reduce(.zero, +) >= .seconds(59))
    }

    @Test func keysAreLimitedSeparately() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limit: RateLimiter.Limit(calls: 2, per: .seconds(60)), clock: clock)
        try await limiter.acquire(key: "a")
        try await limiter.acquire(key: "a")
        try await limiter.acquire(key: "b")
        try await limiter.acquire(key: "b")
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aThousandCallsAtFiftyPerMinuteTakeTwentyVirtualMinutes() async throws {
        let clock = VirtualClock()
        let start = clock.now()
        let limiter = RateLimiter(limit: .targetDefault, clock: clock)
        for _ in 0..<1000 { try await limiter.acquire(key: "a") }
        let elapsed = clock.now().timeIntervalSince(start)
        #expect(elapsed >= 19 * 60 && elapsed < 20 * 60 + 1)
    }
}
