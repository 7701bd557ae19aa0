import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import Testing

/// IMS tokens and the Target Admin API, with a credential provisioned through the console.
@Suite struct TargetClientSandboxTests {
    struct Context {
        let fixture: SandboxFixture
        let cache: TokenCache
        let target: TargetClient
        let clientSecret: Secret
    }

    static func context(_ fixture: SandboxFixture, name: String, limiterClock: VirtualClock? = nil) async throws
        -> Context
    {
        let made = try await ConsoleClientSandboxTests.provisionOAuthCredential(fixture, name: name)
        let secret = try #require(made.download.clientSecrets.first)
        let scopes = made.download.scopes.isEmpty ? ServiceAssumptions.targetOAuthScopes : made.download.scopes
        let cache = TokenCache(
            credential: .oauthServerToServer(clientID: made.download.clientID, clientSecret: secret, scopes: scopes),
            ims: fixture.ims()
        )
        let tenant = try #require(fixture.credentials.targetTenant)
        let limiter = RateLimiter(limit: .targetDefault, clock: limiterClock ?? fixture.clock)
        let target = TargetClient(
            baseURL: fixture.endpoints.target, tenant: tenant, tokens: cache, apiKey: made.download.clientID,
            environment: fixture.environment, rateLimiter: limiter
        )
        return Context(fixture: fixture, cache: cache, target: target, clientSecret: secret)
    }

    @Test func audiencesAreCreatedReadUpdatedListedAndDeleted() async throws {
        try await SandboxFixture.with { fixture in
            let context = try await Self.context(fixture, name: "aemconf-target-crud")
            let target = context.target
            try await target.checkConnection()
            let rule = JSONValue.object([
                "and": .array([.object(["profile": .string("memberLevel"), "equals": .array([.string("gold")])])])
            ])
            let created = try await target.createAudience(
                TargetAudience(name: "aemconf gold", description: "d", targetRule: rule))
            let id = try #require(created.id)
            #expect(try await target.audience(id: id)?.name == "aemconf gold")
            #expect(try await target.audience(id: id)?.targetRule == rule)
            let updated = try await target.updateAudience(
                id: id, TargetAudience(name: "aemconf gold", description: "changed", targetRule: rule))
            #expect(updated.description == "changed")
            #expect(try await target.audience(named: "aemconf gold")?.id == id)
            try await target.deleteAudience(id: id)
            #expect(try await target.audience(id: id) == nil)
            try await target.deleteAudience(id: id)

            let requests = try await fixture.requestLog(service: "target")
            #expect(requests.allSatisfy { $0.path.hasPrefix("/\(target.tenant)/target/") })
        }
    }

    @Test func audiencesArePagedWithOffsetAndLimitToTheEnd() async throws {
        try await SandboxFixture.with { fixture in
            let context = try await Self.context(fixture, name: "aemconf-target-paging")
            let target = context.target
            var existing = 0
            for try await _ in target.audiences() { existing += 1 }
            for index in 0..<23 {
                _ = try await target.createAudience(
                    TargetAudience(name: "aemconf page \(index)", targetRule: .object(["and": .array([])])))
            }
            let logBefore = try await fixture.requestLog(service: "target").count
            var names: [String] = []
            for try await audience in target.audiences(pageSize: 10) { names.append(audience.name) }
            #expect(names.count == existing + 23)
            #expect(Set(names).count == names.count)
            let pages = try await fixture.requestLog(service: "target").dropFirst(logBefore).filter {
                $0.path.hasSuffix("/audiences") && $0.method == "GET"
            }
            #expect(pages.count == (existing + 23 + 9) / 10 + ((existing + 23) % 10 == 0 ? 1 : 0))
        }
    }

    @Test func aTokenThatExpiresMidRunIsRefreshedNotSurfaced() async throws {
        try await SandboxFixture.with { fixture in
            let context = try await Self.context(fixture, name: "aemconf-target-expiry")
            try await context.target.checkConnection()
            #expect(await context.cache.tokensFetched == 1)
            // The sandbox's clock moves past the token's lifetime; our clock does not, so only the 401 tells.
            try await fixture.advanceSandboxClock(seconds: 2 * 86_400)
            try await context.target.checkConnection()
            #expect(await context.cache.tokensFetched == 2)
            let statuses = try await fixture.requestLog(service: "target").map(\.status)
            #expect(statuses.contains(401))
            #expect(statuses.last == 200)
        }
    }

    @Test func ourClockRefreshesTheTokenBeforeItExpires() async throws {
        try await SandboxFixture.with { fixture in
            let context = try await Self.context(fixture, name: "aemconf-target-refresh")
            try await context.target.checkConnection()
            fixture.clock.advance(by: 86_399 - 60)
            try await context.target.checkConnection()
            #expect(await context.cache.tokensFetched == 2)
            #expect(!(try await fixture.requestLog(service: "target").map(\.status).contains(401)))
        }
    }

    @Test func wrongClientSecretIsReportedWithIMSCodeAndWithoutTheSecret() async throws {
        try await SandboxFixture.with { fixture in
            let made = try await ConsoleClientSandboxTests.provisionOAuthCredential(fixture, name: "aemconf-bad-secret")
            let canary = "CANARY-wrong-secret-5521"
            let error = await #expect(throws: ServiceError.self) {
                _ = try await fixture.ims().clientCredentialsToken(
                    clientID: made.download.clientID, clientSecret: Secret(canary), scopes: made.download.scopes)
            }
            let message = try #require(error).description
            #expect(message.contains("IMS POST /ims/token/v3 returned 40"))
            #expect(message.contains("invalid_client"))
            #expect(!message.contains(canary))
            for line in fixture.logs.all { #expect(!line.contains(canary)) }
        }
    }

    /// 1,000 calls with 30 % 503s and 10 % 429 + Retry-After: all complete, no create reaches the
    /// service twice, every re-sent create follows a read, and every 429 was waited out.
    @Test func aThousandCallsSurviveInjectedFaults() async throws {
        let policy = RetryPolicy(
            maxAttempts: 16, baseDelay: .milliseconds(100), maxDelay: .seconds(2), totalBudget: .seconds(3600))
        try await SandboxFixture.with(retryPolicy: policy) { fixture in try await Self.runFaultSequence(fixture) }
    }

    static func runFaultSequence(_ fixture: SandboxFixture) async throws {
        do {
            let limiterClock = VirtualClock()
            let context = try await Self.context(fixture, name: "aemconf-target-faults", limiterClock: limiterClock)
            let target = context.target
            try await target.checkConnection()
            // The sandbox's own 50/min throttle runs on wall time; the client's limiter runs on a virtual clock.
            try await fixture.disableTargetThrottling()
            let logStart = try await fixture.requestLog(service: "target").last?.sequence ?? 0
            let sleepsBefore = fixture.clock.sleeps.count
            try await fixture.setFaults(
                #"{"seed": 42, "services": {"target": {"errorRate": 0.3, "errorStatuses": [503], "rateLimitRate": 0.1, "retryAfterSeconds": 7}}}"#
            )
            var ids: [Int64] = []
            var operations = 0
            while operations < 1000 {
                switch operations % 5 {
                case 0:
                    let audience = try await target.createAudience(
                        TargetAudience(name: "aemconf fault \(operations)", targetRule: .object(["and": .array([])])))
                    ids.append(try #require(audience.id))
                case 1, 3:
                    if let id = ids.last { _ = try await target.audience(id: id) }
                case 2:
                    if let id = ids.last {
                        _ = try await target.updateAudience(
                            id: id,
                            TargetAudience(
                                name: "aemconf fault \(operations - 2)", description: "u",
                                targetRule: .object(["and": .array([])])))
                    }
                default:
                    _ = try await target.audiencePage(offset: 0, limit: 5)
                }
                operations += 1
            }
            try await fixture.clearFaults()
            let log = try await fixture.requestLog(service: "target").filter { $0.sequence > logStart }
            let creates = log.filter { $0.method == "POST" && $0.path.hasSuffix("/audiences") }
            let faults = log.filter { $0.fault != nil }
            #expect(ids.count == 200)
            #expect(Set(ids).count == 200)
            // No create was processed twice: the POSTs that reached the handler are exactly the creates.
            #expect(creates.filter { $0.fault == nil }.count == ids.count)
            // A POST is only ever sent again after a read (the verify) in between.
            var readSinceFailedPost = true
            for entry in log {
                if entry.method == "POST" {
                    #expect(readSinceFailedPost, "a POST was re-sent without a read first (sequence \(entry.sequence))")
                    readSinceFailedPost = entry.fault == nil
                } else if entry.method == "GET", entry.fault == nil, entry.path.hasSuffix("/audiences") {
                    readSinceFailedPost = true
                }
            }
            // Retry-After honoured: one 7-second wait (our virtual clock) per 429 the sandbox sent.
            let rateLimited = log.filter { $0.status == 429 }.count
            let waits = fixture.clock.sleeps.dropFirst(sleepsBefore)
            #expect(rateLimited > 0)
            #expect(waits.filter { $0 == .seconds(7) }.count == rateLimited)
            #expect(waits.allSatisfy { $0 <= .seconds(7) })
            // All 200 audiences exist exactly once.
            var names: [String: Int] = [:]
            for try await audience in target.audiences() where audience.name.hasPrefix("aemconf fault ") {
                names[audience.name, default: 0] += 1
            }
            #expect(names.count == 200)
            #expect(names.values.allSatisfy { $0 == 1 })
        }
    }
}
