import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// The request log: method, path without query, status, service; never bodies, headers or queries.
@Suite struct SandboxRequestLogTests {
    @Test func recordsMethodPathStatusAndServiceButNoQuery() async throws {
        let harness = try await SandboxHarness.start()
        _ = try await harness.request(.aem, "GET", "/content.json?secret=abc", headers: harness.aemAdminHeaders)
        _ = try await harness.request(.aem, "GET", "/nothing/here.json", headers: harness.aemAdminHeaders)
        let entries = harness.sandbox.requestLog.entries(service: .aem)
        #expect(entries.map(\.path) == ["/content.json", "/nothing/here.json"])
        #expect(entries.map(\.status) == [200, 404])
        #expect(entries.allSatisfy { $0.method == "GET" && $0.service == .aem })
        try await harness.stop()
    }

    @Test func adminRequestsAreNotLogged() async throws {
        let harness = try await SandboxHarness.start()
        _ = try await harness.request(.target, "GET", "/_sandbox/requests")
        _ = try await harness.request(.ims, "GET", "/_sandbox/state/aem")
        #expect(harness.sandbox.requestLog.entries().isEmpty)
        try await harness.stop()
    }

    @Test func aCanarySecretNeverReachesTheLogOrAnErrorBody() async throws {
        let canary = "CANARY-\(UUID().uuidString)"
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        var bodies: [String] = []
        // IMS with the canary as client secret (unknown client, then a wrong secret).
        bodies.append(
            try await harness.postForm(
                .ims, "/ims/token/v3",
                fields: [
                    ("grant_type", "client_credentials"), ("client_id", "nope"), ("client_secret", canary),
                    ("scope", "openid"),
                ]
            ).text)
        // AEM: wrong password, CSRF failure, a bad keystore upload and a config with the canary.
        bodies.append(
            try await harness.request(
                .aem, "GET", "/content.json", headers: ["Authorization": SandboxHarness.basic("admin", canary)]
            ).text)
        bodies.append(
            try await harness.postForm(
                .aem, "/content/x", fields: [("secret", canary)], headers: harness.aemAdminHeaders
            ).text)
        bodies.append(
            try await harness.postForm(
                .aem, "/home/users/system/authentication-service.ks.html",
                fields: [
                    (":operation", "createStore"), ("newPassword", canary), ("rePassword", canary + "x"),
                ], headers: headers
            ).text)
        bodies.append(
            try await harness.postForm(
                .aem, "/libs/cq/analytics/testandtarget/command",
                fields: [
                    ("cmd", "connect"), ("clientcode", "wknd"), ("email", "a@b.c"), ("password", canary),
                ], headers: headers
            ).text)
        // Target with the canary as bearer token.
        bodies.append(
            try await harness.request(
                .target, "GET", "/wknd/target/audiences?key=\(canary)",
                headers: [
                    "Authorization": "Bearer \(canary)", "X-Api-Key": canary,
                ]
            ).text)
        for body in bodies {
            #expect(!body.contains(canary))
        }
        let log = try await harness.request(.aem, "GET", "/_sandbox/requests")
        #expect(log.status == 200)
        #expect(!log.text.contains(canary))
        #expect(harness.sandbox.requestLog.entries().count == bodies.count + 1)  // plus the CSRF token GET
        try await harness.stop()
    }

    @Test func keepsOnlyTheNewestEntries() {
        let log = SandboxRequestLog(capacity: 3)
        for index in 1...5 {
            log.append(
                service: .ims, method: "GET", path: "/\(index)", status: 200, time: Date(), durationMilliseconds: 1,
                fault: nil)
        }
        #expect(log.entries().map(\.path) == ["/3", "/4", "/5"])
        #expect(log.entries(after: 4).map(\.sequence) == [5])
    }
}
