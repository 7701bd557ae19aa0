import AemconfSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Target's 50 calls per minute per credential, answered with 503 (target.md §6).
@Suite struct TargetThrottleTests {
    func get(
        _ client: any TestClientProtocol, _ fixture: AdobeFixture, _ token: String, _ credential: ConsoleCredential
    )
        async throws -> HTTPResponse.Status
    {
        var headers = Wire.bearer(token, apiKey: credential.clientID)
        headers[.accept] = "application/vnd.adobe.target.v3+json"
        return try await client.execute(
            uri: "/\(fixture.tenant)/target/audiences?limit=1", method: .get,
            headers: headers
        ).status
    }

    @Test func fiftyFirstCallInAMinuteIs503() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let other = try await fixture.oauthToken(fixture.marketing)
        try await fixture.application().test(.router) { client in
            for _ in 0..<50 {
                let status = try await get(client, fixture, token, fixture.oauth)
                #expect(status == .ok)
            }
            var headers = Wire.bearer(token, apiKey: fixture.oauth.clientID)
            headers[.accept] = "application/vnd.adobe.target.v3+json"
            let throttled = try await client.execute(
                uri: "/\(fixture.tenant)/target/audiences", method: .get,
                headers: headers)
            #expect(throttled.status == .serviceUnavailable)
            let body = try Wire.object(throttled)
            #expect(body["httpStatus"] as? Int == 503)
            #expect(body["errors"] is [[String: Any]])
            // Another credential has its own budget.
            #expect(try await get(client, fixture, other, fixture.marketing) == .ok)
            // The window slides: a minute later the first credential may call again.
            await fixture.store.advanceClock(by: 61)
            #expect(try await get(client, fixture, token, fixture.oauth) == .ok)
        }
    }

    @Test func throttlingCanBeSwitchedOff() async throws {
        let fixture = try await AdobeFixture.make(settings: SandboxSettings(targetThrottling: false))
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            for _ in 0..<60 {
                let status = try await get(client, fixture, token, fixture.oauth)
                #expect(status == .ok)
            }
        }
    }

    @Test func limitIsConfigurable() async throws {
        let fixture = try await AdobeFixture.make(settings: SandboxSettings(targetCallsPerMinute: 3))
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            for _ in 0..<3 {
                let status = try await get(client, fixture, token, fixture.oauth)
                #expect(status == .ok)
            }
            let status = try await get(client, fixture, token, fixture.oauth)
            #expect(status == .serviceUnavailable)
        }
    }
}
