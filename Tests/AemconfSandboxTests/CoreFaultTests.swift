import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// Fault injection: deterministic from a seed, per service, each kind visible on the wire.
@Suite struct SandboxFaultInjectorTests {
    @Test func theSameSeedGivesTheSameDecisions() {
        let faults = SandboxFaults(
            seed: 42, services: [.target: SandboxFaultRule(errorRate: 0.3, rateLimitRate: 0.2, resetRate: 0.1)])
        let first = SandboxFaultInjector(faults: faults)
        let second = SandboxFaultInjector(faults: faults)
        let a = (0..<200).map { _ in first.decide(for: .target) }
        let b = (0..<200).map { _ in second.decide(for: .target) }
        #expect(a == b)
        #expect(a.contains(.pass(latencyMilliseconds: 0)))
        #expect(a.contains { if case .error = $0 { true } else { false } })
        #expect(a.contains { if case .rateLimit = $0 { true } else { false } })
        #expect(a.contains(.reset))
        let other = SandboxFaultInjector(faults: SandboxFaults(seed: 43, services: faults.services))
        #expect((0..<200).map { _ in other.decide(for: .target) } != a)
    }

    @Test func servicesWithoutARuleAreUntouched() {
        let injector = SandboxFaultInjector(
            faults: SandboxFaults(seed: 1, services: [.aem: SandboxFaultRule(errorRate: 1)]))
        #expect((0..<50).allSatisfy { _ in injector.decide(for: .ims) == .pass(latencyMilliseconds: 0) })
        #expect((0..<50).allSatisfy { _ in injector.decide(for: .aem) != .pass(latencyMilliseconds: 0) })
    }

    @Test func crashesAfterNRequests() {
        let injector = SandboxFaultInjector(faults: SandboxFaults(crashAfterRequests: 3))
        let decisions = (0..<5).map { _ in injector.decide(for: .aem) }
        #expect(
            decisions == [
                .pass(latencyMilliseconds: 0), .pass(latencyMilliseconds: 0), .pass(latencyMilliseconds: 0), .crashed,
                .crashed,
            ])
        injector.set(.none)
        #expect(injector.decide(for: .aem) == .pass(latencyMilliseconds: 0))
    }

    @Test func parsesFaultSpecifications() throws {
        let faults = try SandboxFaults.parse([
            "seed=7", "crash-after=100", "target:error-rate=0.2,error-statuses=502/503", "all:latency=50ms",
            "ims:rate-limit=0.1,retry-after=2,reset=0.05,close=0.01",
        ])
        #expect(faults.seed == 7)
        #expect(faults.crashAfterRequests == 100)
        #expect(faults.rule(for: .target).errorRate == 0.2)
        #expect(faults.rule(for: .target).errorStatuses == [502, 503])
        #expect(faults.rule(for: .aem).latencyMilliseconds == 50)
        #expect(faults.rule(for: .ims).rateLimitRate == 0.1)
        #expect(faults.rule(for: .ims).retryAfterSeconds == 2)
        #expect(faults.rule(for: .ims).resetRate == 0.05)
        #expect(faults.rule(for: .ims).closeRate == 0.01)
    }

    @Test(arguments: [
        "target:error-rate=2", "nowhere:latency=1", "aem:bogus=1", "aem", "seed=x", "aem:error-statuses=404",
    ])
    func rejectsBadSpecifications(_ specification: String) {
        #expect(throws: SandboxConfigurationError.self) { try SandboxFaults.parse([specification]) }
    }
}

/// Faults as clients see them over HTTP.
@Suite struct SandboxFaultMiddlewareTests {
    private func statuses(_ harness: SandboxHarness, count: Int) async throws -> [Int] {
        var result: [Int] = []
        for _ in 0..<count {
            result.append(try await harness.request(.ims, "POST", "/ims/token/v3").status)
        }
        return result
    }

    @Test func errorFaultsReplayFromTheSeed() async throws {
        let faults = #"{"seed": 99, "services": {"ims": {"errorRate": 0.5}}}"#
        let harness = try await SandboxHarness.start()
        let set = try await harness.request(
            .aem, "PUT", "/_sandbox/faults", headers: ["Content-Type": "application/json"], body: Data(faults.utf8))
        #expect(set.status == 200)
        let first = try await statuses(harness, count: 30)
        _ = try await harness.request(.aem, "PUT", "/_sandbox/faults", body: Data(faults.utf8))
        let second = try await statuses(harness, count: 30)
        #expect(first == second)
        #expect(first.contains { [500, 502, 503].contains($0) })
        #expect(first.contains(400))
        let logged = harness.sandbox.requestLog.entries(service: .ims)
        #expect(logged.contains { $0.fault == "error" })
        try await harness.stop()
    }

    @Test func rateLimitFaultAnswers429WithRetryAfter() async throws {
        let harness = try await SandboxHarness.start(
            SandboxConfiguration(
                faults: SandboxFaults(services: [.target: SandboxFaultRule(rateLimitRate: 1, retryAfterSeconds: 7)]))
        )
        let response = try await harness.request(.target, "GET", "/wknd/target/audiences")
        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "7")
        try await harness.stop()
    }

    @Test func resetFaultDropsTheConnectionWithoutAnAnswer() async throws {
        let harness = try await SandboxHarness.start(
            SandboxConfiguration(faults: SandboxFaults(services: [.console: SandboxFaultRule(resetRate: 1)]))
        )
        await #expect(throws: (any Error).self) {
            _ = try await harness.request(.console, "GET", "/console/organizations")
        }
        // The client can see the dropped connection before the server has logged it: wait for the entry.
        var loggedFault = harness.sandbox.requestLog.entries(service: .console).first?.fault
        for _ in 0..<100 where loggedFault == nil {
            try await Task.sleep(for: .milliseconds(50))
            loggedFault = harness.sandbox.requestLog.entries(service: .console).first?.fault
        }
        #expect(loggedFault == "reset")
        // The admin API is exempt, so a test can always clear faults.
        #expect(try await harness.request(.console, "DELETE", "/_sandbox/faults").status == 200)
        let answered = try await harness.request(.console, "GET", "/console/organizations")
        #expect(answered.status == 403)  // no API key: the gateway's own answer, not a fault
        #expect(answered.header("X-Sandbox-Fault") == nil)
        try await harness.stop()
    }

    @Test func crashAfterNRequestsStopsAnsweringUntilCleared() async throws {
        let harness = try await SandboxHarness.start(SandboxConfiguration(faults: SandboxFaults(crashAfterRequests: 2)))
        #expect(try await harness.request(.aem, "GET", "/content.json", headers: harness.aemAdminHeaders).status == 200)
        #expect(try await harness.request(.ims, "POST", "/ims/token/v3").status == 400)
        await #expect(throws: (any Error).self) {
            _ = try await harness.request(.target, "GET", "/wknd/target/audiences")
        }
        #expect(harness.sandbox.faults.hasCrashed)
        _ = try await harness.request(.aem, "POST", "/_sandbox/reset")
        #expect(try await harness.request(.aem, "GET", "/content.json", headers: harness.aemAdminHeaders).status == 200)
        try await harness.stop()
    }

    @Test func latencyIsAddedAndMarked() async throws {
        let harness = try await SandboxHarness.start(
            SandboxConfiguration(faults: SandboxFaults(services: [.aem: SandboxFaultRule(latencyMilliseconds: 20)]))
        )
        let response = try await harness.request(.aem, "GET", "/content.json", headers: harness.aemAdminHeaders)
        #expect(response.status == 200)
        #expect(response.header("X-Sandbox-Fault") == "latency")
        try await harness.stop()
    }
}
