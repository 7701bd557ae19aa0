import AemconfSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /ims/token/v3` (ims.md §3) and the token validation every service applies.
@Suite struct IMSTokenTests {
    func token(_ fixture: AdobeFixture, _ fields: [(String, String)], query: String = "")
        async throws -> (HTTPResponse.Status, [String: Any], String)
    {
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/ims/token/v3" + query, method: .post,
                headers: Wire.formHeaders, body: Wire.form(fields))
            return (response.status, try Wire.object(response), Wire.text(response))
        }
    }

    func fields(
        _ fixture: AdobeFixture, secret: String? = nil, scope: String = "openid,AdobeID,target_sdk",
        grant: String = "client_credentials"
    ) -> [(String, String)] {
        [
            ("grant_type", grant), ("client_id", fixture.oauth.clientID),
            ("client_secret", secret ?? fixture.oauth.secrets[0].value), ("scope", scope),
        ]
    }

    @Test func clientCredentialsGiveBearerTokenWithSecondExpiry() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await token(fixture, fields(fixture))
        #expect(result.0 == .ok)
        #expect(result.1["token_type"] as? String == "bearer")
        #expect(result.1["expires_in"] as? Int == 86_399)
        #expect((result.1["access_token"] as? String)?.split(separator: ".").count == 3)
        let used = await fixture.store.read { $0.console.credentials[1].secrets[0].lastUsedAt }
        #expect(used == AdobeFixture.start)
    }

    @Test func queryParametersAreAccepted() async throws {
        let fixture = try await AdobeFixture.make()
        let query =
            "?grant_type=client_credentials&client_id=\(fixture.oauth.clientID)"
            + "&client_secret=\(fixture.oauth.secrets[0].value)&scope=openid,target_sdk"
        let result = try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/ims/token/v3" + query, method: .post).status
        }
        #expect(result == .ok)
    }

    @Test func scopeNotGrantedIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await token(fixture, fields(fixture, scope: "openid,adobeio_api"))
        #expect(result.0 == .badRequest)
        #expect(result.1["error"] as? String == "invalid_scope")
    }

    @Test func wrongSecretIsRefusedWithoutEchoingIt() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await token(fixture, fields(fixture, secret: AdobeFixture.canarySecret))
        #expect(result.0 == .unauthorized)
        #expect(result.1["error"] as? String == "invalid_client")
        #expect(!result.2.contains(AdobeFixture.canarySecret))
    }

    @Test func unsupportedOrMissingGrantIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let wrong = try await token(fixture, fields(fixture, grant: "password"))
        #expect(wrong.0 == .badRequest)
        #expect(wrong.1["error"] as? String == "unsupported_grant_type")
        let missing = try await token(fixture, Array(fields(fixture).dropFirst()))
        #expect(missing.0 == .badRequest)
        #expect(missing.1["error"] as? String == "invalid_request")
    }

    @Test func missingScopeIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await token(fixture, Array(fields(fixture).dropLast()))
        #expect(result.0 == .badRequest)
        #expect(result.1["error"] as? String == "invalid_request")
    }

    @Test func unknownClientIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var request = fields(fixture)
        request[1] = ("client_id", "unknown-client")
        let result = try await token(fixture, request)
        #expect(result.0 == .badRequest)
        #expect(result.1["error"] as? String == "invalid_client")
    }

    @Test func jwtCredentialCannotUseClientCredentials() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await token(
            fixture,
            [
                ("grant_type", "client_credentials"), ("client_id", fixture.jwt.clientID),
                ("client_secret", fixture.jwt.secrets[0].value), ("scope", "openid"),
            ])
        #expect(result.0 == .unauthorized)
        #expect(result.1["error"] as? String == "invalid_client")
    }

    @Test func issuedTokenExpiresOnTheSandboxClock() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let now = await fixture.store.read { state in
            IMSAuthority.validate(accessToken: token, at: AdobeFixture.start.addingTimeInterval(86_399), in: state)
        }
        #expect((try? now.get()) != nil)
        let later = await fixture.store.read { state in
            IMSAuthority.validate(accessToken: token, at: AdobeFixture.start.addingTimeInterval(86_401), in: state)
        }
        #expect(later == .failure(.expired))
    }

    @Test func forgedTokenIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let parts = token.split(separator: ".").map(String.init)
        let otherPayload = base64url(
            Data(
                #"{"id":"x","type":"access_token","client_id":"a","user_id":"b","as":"ims-na1","sid":"s","created_at":"1709294400000","expires_in":"86400000","scope":"target_sdk"}"#
                    .utf8))
        let forged = [parts[0], otherPayload, parts[2]].joined(separator: ".")
        let result = await fixture.store.read { state in
            IMSAuthority.validate(accessToken: forged, at: AdobeFixture.start, in: state)
        }
        #expect(result == .failure(.forged))
        let garbage = await fixture.store.read { state in
            IMSAuthority.validate(accessToken: "garbage", at: AdobeFixture.start, in: state)
        }
        #expect(garbage == .failure(.malformed))
    }

    @Test func tokenOfAnotherClientIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let result = await fixture.store.read { state in
            IMSAuthority.validate(
                accessToken: token, apiKey: fixture.marketing.clientID, at: AdobeFixture.start,
                in: state)
        }
        #expect(result == .failure(.otherClient))
    }

    @Test func tokenOfADeletedCredentialIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let result = await fixture.store.mutate { state in
            state.console.credentials.removeAll { $0.id == fixture.oauth.id }
            return IMSAuthority.validate(accessToken: token, at: AdobeFixture.start, in: state)
        }
        #expect(result == .failure(.unknownClient))
    }
}
