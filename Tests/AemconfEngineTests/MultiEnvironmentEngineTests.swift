import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfSandbox
import Foundation
import Testing

/// `examples/multi-env`: an OAuth and a legacy JWT integration. JWT works on a sandbox at SP18 with the IMS
/// hotfix and a clock before Adobe's JWT cut-offs; at SP20 the JWT configuration is refused in the plan.
@Suite(.serialized)
struct MultiEnvironmentEngineTests {
    static let beforeCutoffs = ISO8601DateFormatter().date(from: "2024-03-01T10:00:00Z")!

    @Test func legacyJWTIntegrationAppliesAtSP18BeforeTheCutoffs() async throws {
        let fixture = try await EngineFixture.start(
            example: "multi-env",
            sandbox: SandboxConfiguration(aemServicePack: 18, aemIMSHotfix: true),
            clock: FixedClock(date: Self.beforeCutoffs)
        )
        defer { Task { await fixture.shutdown() } }
        try await fixture.admin(.PUT, "clock", json: #"{"now": "2024-03-01T10:00:00Z"}"#)

        let plan = try await fixture.plan()
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.summary.create == 6)
        let (summary, _) = try await fixture.apply(plan)
        #expect(summary.succeeded, "failed: \(summary.failed)")

        let dump = try await fixture.dump()
        let credentials = try #require((dump["console"] as? [String: Any])?["credentials"] as? [[String: Any]])
        let legacy = try #require(credentials.first { $0["name"] as? String == "aem-target-legacy" })
        #expect((legacy["bindings"] as? [Any])?.count == 1)
        let keystores = try #require((dump["aem"] as? [String: Any])?["keystores"] as? [String: Any])
        #expect("\(keystores)".contains("aem-target-legacy"))
        #expect(fixture.requests(.ims).contains("POST /ims/exchange/jwt 200"), "Check Health exchanged a signed JWT")
        #expect(fixture.requests(.ims).contains("POST /ims/token/v3 200"), "the OAuth configuration was checked too")

        let second = try await fixture.plan()
        #expect(!second.hasChanges, "\(second.actionableChanges.map(\.address))")
    }

    @Test func jwtConfigurationIsRefusedInThePlanAtSP20() async throws {
        let fixture = try await EngineFixture.start(
            example: "multi-env", sandbox: SandboxConfiguration(aemServicePack: 20))
        defer { Task { await fixture.shutdown() } }
        let plan = try await fixture.plan()
        #expect(!plan.isApplyable)
        let problem = try #require(plan.problems.first)
        #expect(problem.address == ResourceAddress("imsConfigurations.target-stage"))
        #expect(problem.message.contains("SP20 no longer accepts JWT IMS configurations"))
        #expect(problem.message.contains("ioIntegrations.target-legacy"))
    }
}
