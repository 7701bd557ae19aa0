import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Logging
import Testing

/// Target's budget belongs to the credential: clients built from one environment share it per client id.
@Suite struct RateLimiterRegistryTests {
    /// An environment whose Target limiters allow two calls a minute, on `clock`.
    func environment(_ transport: ScriptedTransport, clock: VirtualClock) -> ServiceEnvironment {
        ServiceEnvironment(
            transport: transport,
            version: "9.9.9",
            logger: Logger(label: "test"),
            clock: clock,
            jitter: .fixed(0),
            targetRateLimiters: RateLimiterRegistry(limit: RateLimiter.Limit(calls: 2, per: .seconds(60)), clock: clock)
        )
    }

    func target(_ environment: ServiceEnvironment, apiKey: String) -> TargetClient {
        TargetClient(
            baseURL: "https://mc.example", tenant: "acme", tokens: RotatingTokens(), apiKey: apiKey,
            environment: environment
        )
    }

    static func properties() -> ScriptedTransport {
        ScriptedTransport { _, _ in ScriptedTransport.json(200, "{\"properties\": []}") }
    }

    @Test func clientsWithTheSameClientIDShareOneBudget() async throws {
        let clock = VirtualClock()
        let environment = environment(Self.properties(), clock: clock)
        let first = target(environment, apiKey: "client-a")
        let second = target(environment, apiKey: "client-a")
        _ = try await first.properties()
        _ = try await first.properties()
        #expect(clock.sleeps.isEmpty, "two calls fit the budget of two a minute")
        _ = try await second.properties()
        #expect(clock.sleeps.count == 1, "the other client's third call of the credential waits for the window")
        #expect(clock.sleeps.reduce(.zero, +) >= .seconds(59))
    }

    @Test func clientsWithDifferentClientIDsDoNotShare() async throws {
        let clock = VirtualClock()
        let environment = environment(Self.properties(), clock: clock)
        let first = target(environment, apiKey: "client-a")
        let second = target(environment, apiKey: "client-b")
        _ = try await first.properties()
        _ = try await first.properties()
        _ = try await second.properties()
        _ = try await second.properties()
        #expect(clock.sleeps.isEmpty, "each client id has its own two calls a minute")
    }

    @Test func theRegistryHandsOutOneLimiterPerCredential() {
        let registry = RateLimiterRegistry(clock: VirtualClock())
        #expect(registry.limit == .targetDefault)
        #expect(registry.limiter(for: "a") === registry.limiter(for: "a"))
        #expect(registry.limiter(for: "a") !== registry.limiter(for: "b"))
    }

    @Test func theEnvironmentDefaultsToTargetsLimit() {
        let environment = ServiceEnvironment(
            transport: Self.properties(), version: "1", logger: Logger(label: "test"), clock: VirtualClock()
        )
        #expect(environment.targetRateLimiters.limit == .targetDefault)
    }
}
