import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// `Sandbox.start`: four services on four ports, the admin API on each, seeded credentials.
@Suite struct SandboxTests {
    @Test func startsFourServicesOnDistinctLoopbackPorts() async throws {
        let harness = try await SandboxHarness.start()
        let endpoints = harness.sandbox.endpoints
        let urls = [endpoints.aem, endpoints.ims, endpoints.console, endpoints.target]
        #expect(Set(urls).count == 4)
        #expect(urls.allSatisfy { $0.hasPrefix("http://127.0.0.1:") })
        for service in SandboxService.allCases {
            let info = try await harness.request(service, "GET", "/_sandbox/info")
            #expect(info.status == 200)
            let reported = info.jsonObject?["endpoints"] as? [String: String]
            #expect(reported?[service.rawValue] == endpoints.url(for: service))
        }
        try await harness.stop()
    }

    @Test func seedsAEMAdminConsoleTokenOrgsAndTenant() async throws {
        let harness = try await SandboxHarness.start()
        let credentials = harness.sandbox.credentials
        #expect(credentials.aemUsername == "admin")
        #expect(!credentials.aemPassword.isEmpty)
        #expect(credentials.consoleUserToken?.isEmpty == false)
        #expect(credentials.imsOrgId?.hasSuffix("@AdobeOrg") == true)
        #expect(credentials.consoleOrgId?.allSatisfy(\.isNumber) == true)
        #expect(credentials.targetTenant?.isEmpty == false)
        let aem = await harness.sandbox.store.read { $0.aem }
        #expect(aem.servicePack == 20)
        #expect(aem.users["authentication-service"] != nil)
        try await harness.stop()
    }

    @Test func rejectsAnInvalidPort() async throws {
        await #expect(throws: SandboxConfigurationError.badPort(70_000)) {
            _ = try await Sandbox.start(SandboxConfiguration(port: 70_000))
        }
    }

    @Test func reportsABindFailureInsteadOfHanging() async throws {
        let first = try await Sandbox.start(SandboxConfiguration())
        let aemPort = Int(first.endpoints.aem.split(separator: ":").last ?? "0") ?? 0
        // The first sandbox holds aemPort; a second one asked for the same four ports must fail.
        await #expect(throws: (any Error).self) {
            let second = try await Sandbox.start(SandboxConfiguration(port: aemPort))
            try await second.shutdown()
        }
        try await first.shutdown()
    }

    @Test func seedFileReplacesOnlyTheSlicesItNames() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-seed")
        defer { directory.remove() }
        var aem = AEMState.defaultSeed(servicePack: 18)
        aem.ensureNode("/content/seeded")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        struct Seed: Encodable { var aem: AEMState }
        let seedPath = directory.path("seed.json")
        try encoder.encode(Seed(aem: aem)).write(to: URL(fileURLWithPath: seedPath))

        let harness = try await SandboxHarness.start(SandboxConfiguration(seedFile: seedPath))
        let state = await harness.sandbox.store.snapshot()
        #expect(state.aem.servicePack == 18)
        #expect(state.aem.exists("/content/seeded"))
        #expect(!state.target.tenants.isEmpty)
        try await harness.stop()
    }

    @Test func aBadSeedFileIsReportedWithItsPath() async throws {
        let directory = try TemporaryDirectory(prefix: "bad-seed")
        defer { directory.remove() }
        let path = directory.path("bad-seed.json")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await Sandbox.start(SandboxConfiguration(seedFile: path))
            Issue.record("a bad seed file was accepted")
        } catch let error as SandboxConfigurationError {
            #expect(error.code == "bad-seed")
            #expect(error.message.contains("'\(path)'"))
        }
    }
}
