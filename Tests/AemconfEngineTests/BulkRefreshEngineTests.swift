import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// Refresh reads every IMS configuration with one configMgr JSON listing (`GET /system/console/configMgr/*.json`),
/// so a plan's configMgr requests do not grow with the number of stacks; a console without the listing is read
/// as before (the QueryBuilder listing and one configMgr read per provider), and drift is seen either way.
@Suite(.serialized)
struct BulkRefreshEngineTests {
    static func config(stacks: Int) -> String {
        StackConfig.yaml(
            stacks: stacks,
            connections: StackConfig.connections(
                aemPasswordVariable: "AEM_PASSWORD", consoleTokenVariable: "ADOBE_CONSOLE_TOKEN"),
            credentialPrefix: "aemconf-bulk", pagePrefix: "bulk")
    }

    static func start(stacks: Int, listing: Bool) async throws -> EngineFixture {
        let fixture = try await EngineFixture.start(
            example: "quickstart",
            sandbox: SandboxConfiguration(settings: SandboxSettings(aemConfigManagerJSONList: listing)))
        try fixture.edit("aemconf.yaml") { _ in config(stacks: stacks) }
        try await fixture.converge()
        return fixture
    }

    /// The configMgr lines of the request log (`METHOD path status`).
    static func configMgrRequests(_ fixture: EngineFixture) -> [String] {
        fixture.requests(.aem).filter { $0.contains(" /system/console/configMgr") }
    }

    /// Changes the provider's title through configMgr (every other property kept), as an administrator would.
    static func retitle(_ name: String, in fixture: EngineFixture) async throws {
        let aem = fixture.session.aem
        let found = try #require(try await aem.findIMSConfiguration(name: name))
        var properties = found.provider.properties
        properties["auth.token.provider.title"] = ["Changed in the web console"]
        try await aem.updateConfiguration(
            pid: found.ids.providerPID, properties: properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            step: "changing the title by hand")
    }

    static func expectTitleDrift(_ plan: Plan, _ name: String) throws {
        let address = try #require(ResourceAddress("imsConfigurations.\(name)"))
        let drift = plan.drift.filter { $0.address == address }
        #expect(drift.map(\.attribute) == ["title"], "\(plan.drift)")
        #expect(drift.first?.live == .known(.string("Changed in the web console")))
        #expect(plan.change(for: address)?.action == .update)
    }

    @Test func aPlanReadsEveryIMSConfigurationInOneRequestAndSeesDrift() async throws {
        let stacks = 4
        let fixture = try await Self.start(stacks: stacks, listing: true)
        defer { Task { await fixture.shutdown() } }

        fixture.sandbox.requestLog.clear()
        let plan = try await fixture.plan()
        #expect(!plan.hasChanges, "\(plan.changes.filter { $0.action != .noOp })")
        #expect(plan.drift.isEmpty)
        #expect(Self.configMgrRequests(fixture) == ["GET /system/console/configMgr/*.json 200"])
        let aem = fixture.requests(.aem)
        #expect(aem.count < stacks, "AEM requests of a plan do not grow with the stacks: \(aem)")

        try await Self.retitle("s00002", in: fixture)
        fixture.sandbox.requestLog.clear()
        let drifted = try await fixture.plan()
        try Self.expectTitleDrift(drifted, "s00002")
        #expect(drifted.summary.update == 1)
        #expect(Self.configMgrRequests(fixture) == ["GET /system/console/configMgr/*.json 200"])

        let (summary, _) = try await fixture.apply(drifted)
        #expect(summary.succeeded, "failed: \(summary.failed)")
        let after = try await fixture.plan()
        #expect(!after.hasChanges)
        #expect(after.drift.isEmpty)
    }

    @Test func aConsoleWithoutTheListingIsReadOnePIDAtATime() async throws {
        let stacks = 3
        let fixture = try await Self.start(stacks: stacks, listing: false)
        defer { Task { await fixture.shutdown() } }
        // The session asks for the listing once (the first plan's refresh), then reads one PID at a time.
        #expect(
            Self.configMgrRequests(fixture).filter { $0.hasPrefix("GET ") }
                == ["GET /system/console/configMgr/*.json 404"])

        fixture.sandbox.requestLog.clear()
        let plan = try await fixture.plan()
        #expect(!plan.hasChanges, "\(plan.changes.filter { $0.action != .noOp })")
        #expect(plan.drift.isEmpty)
        let configMgr = Self.configMgrRequests(fixture)
        #expect(!configMgr.contains { $0.hasPrefix("GET ") })
        let reads = configMgr.filter { $0.hasPrefix("POST /system/console/configMgr/") && $0.hasSuffix(" 200") }
        #expect(reads.count == stacks, "one read per provider: \(configMgr)")

        try await Self.retitle("s00001", in: fixture)
        let drifted = try await fixture.plan()
        try Self.expectTitleDrift(drifted, "s00001")
        let (summary, _) = try await fixture.apply(drifted)
        #expect(summary.succeeded, "failed: \(summary.failed)")
        #expect(!(try await fixture.plan()).hasChanges)
    }
}
