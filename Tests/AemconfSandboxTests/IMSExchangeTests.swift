import AemconfSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /ims/exchange/jwt` against ims.md §2: success shape and every rejection of §2.4.
@Suite struct IMSExchangeTests {
    func exchange(_ fixture: AdobeFixture, assertion: String, clientID: String? = nil, secret: String? = nil)
        async throws -> (HTTPResponse.Status, [String: Any], String)
    {
        let app = fixture.application()
        return try await app.test(.router) { client in
            let body = Wire.form([
                ("client_id", clientID ?? fixture.jwt.clientID),
                ("client_secret", secret ?? fixture.jwt.secrets[0].value), ("jwt_token", assertion),
            ])
            let response = try await client.execute(
                uri: "/ims/exchange/jwt", method: .post, headers: Wire.formHeaders,
                body: body)
            return (response.status, try Wire.object(response), Wire.text(response))
        }
    }

    func expectError(
        _ result: (HTTPResponse.Status, [String: Any], String), _ status: HTTPResponse.Status,
        _ code: String, _ description: String? = nil
    ) {
        #expect(result.0 == status)
        #expect(result.1["error"] as? String == code)
        #expect(result.1["error_description"] is String)
        if let description { #expect(result.1["error_description"] as? String == description) }
    }

    @Test func validAssertionGivesBearerTokenWithMillisecondExpiry() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await exchange(fixture, assertion: try fixture.keys.sign(fixture.claims()))
        #expect(result.0 == .ok)
        #expect(result.1["token_type"] as? String == "bearer")
        #expect(result.1["expires_in"] as? Int == 86_400_000)
        let token = try #require(result.1["access_token"] as? String)
        let payloadPart = try #require(token.split(separator: ".").dropFirst().first)
        let payloadData = try #require(Base64URL.decode(payloadPart))
        let payload = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
        #expect(payload["client_id"] as? String == fixture.jwt.clientID)
        #expect(payload["user_id"] as? String == fixture.jwt.technicalAccountID)
        #expect(payload["expires_in"] as? String == "86400000")
        #expect(payload["type"] as? String == "access_token")
        #expect((payload["scope"] as? String)?.split(separator: ",").contains("target_sdk") == true)
        let validated = await fixture.store.read { state in
            IMSAuthority.validate(accessToken: token, apiKey: fixture.jwt.clientID, at: AdobeFixture.start, in: state)
        }
        #expect((try? validated.get().clientID) == fixture.jwt.clientID)
    }

    @Test func multipartBodyAndTrailingSlashAreAccepted() async throws {
        let fixture = try await AdobeFixture.make()
        let assertion = try fixture.keys.sign(fixture.claims())
        let (body, headers) = Wire.multipart([
            ("client_id", fixture.jwt.clientID, nil), ("client_secret", fixture.jwt.secrets[0].value, nil),
            ("jwt_token", assertion, nil),
        ])
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/ims/exchange/jwt/", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
        }
    }

    @Test func signatureByAnUnboundKeyIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let other = try #require(TestKeyPair.second)
        let result = try await exchange(fixture, assertion: try other.sign(fixture.claims()))
        expectError(result, .badRequest, "invalid_token", "Could not match JWT signature to any of the bindings")
    }

    @Test func alteredPayloadIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let good = try fixture.keys.sign(fixture.claims()).split(separator: ".")
        var claims = fixture.claims()
        claims["exp"] = Int(AdobeFixture.start.timeIntervalSince1970) + 600
        let otherPayload = try fixture.keys.sign(claims).split(separator: ".")[1]
        let forged = "\(good[0]).\(otherPayload).\(good[2])"
        expectError(try await exchange(fixture, assertion: forged), .badRequest, "invalid_token")
    }

    @Test func nonRS256AlgorithmIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let assertion = try fixture.keys.sign(fixture.claims(), header: ["alg": "HS256", "typ": "JWT"])
        expectError(try await exchange(fixture, assertion: assertion), .badRequest, "invalid_signature")
    }

    @Test func expiredAssertionIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await exchange(fixture, assertion: try fixture.keys.sign(fixture.claims(expiresIn: -1)))
        expectError(result, .badRequest, "invalid_token")
    }

    @Test func assertionValidTooLongIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await exchange(
            fixture, assertion: try fixture.keys.sign(fixture.claims(expiresIn: 2 * 86_400)))
        expectError(result, .badRequest, "invalid_token")
    }

    @Test(arguments: ["exp-string", "exp-fraction", "jti-string"])
    func nonIntegerExpOrJtiIsRefused(_ variant: String) async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        let exp = Int(AdobeFixture.start.timeIntervalSince1970) + 300
        switch variant {
        case "exp-string": claims["exp"] = String(exp)
        case "exp-fraction": claims["exp"] = Double(exp) + 0.5
        default: claims["jti"] = "abc"
        }
        expectError(try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "invalid_token")
    }

    @Test func undecodableAssertionIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        expectError(
            try await exchange(fixture, assertion: "not-a-jwt"), .badRequest, "invalid_token",
            "JWT token is incorrectly formatted, and can not be decoded.")
    }

    @Test func audienceOfAnotherClientIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["aud"] = "\(AdobeFixture.ims)/c/\(fixture.oauth.clientID)"
        expectError(
            try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "invalid_client")
    }

    @Test func audienceOfAnotherHostIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["aud"] = "https://ims-elsewhere.example.com/c/\(fixture.jwt.clientID)"
        expectError(
            try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "invalid_client")
    }

    @Test func unknownClientIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await exchange(fixture, assertion: try fixture.keys.sign(fixture.claims()), clientID: "nobody")
        expectError(result, .badRequest, "invalid_client")
    }

    @Test func wrongClientSecretIsRefusedWithoutEchoingIt() async throws {
        let fixture = try await AdobeFixture.make()
        let result = try await exchange(
            fixture, assertion: try fixture.keys.sign(fixture.claims()),
            secret: AdobeFixture.canarySecret)
        expectError(result, .unauthorized, "invalid_client")
        #expect(!result.2.contains(AdobeFixture.canarySecret))
    }

    @Test func metascopeNotGrantedIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["\(AdobeFixture.ims)/s/ent_adobeio_sdk"] = true
        expectError(
            try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "invalid_scope",
            "The metascopes in the JWT are not a subset of the metascopes in the binding.")
    }

    @Test func missingMetascopeIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["\(AdobeFixture.ims)/s/ent_marketing_sdk"] = nil
        expectError(try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "invalid_scope")
    }

    @Test func wrongIssuerOrSubjectIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["iss"] = "FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg"
        expectError(try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "bad_request")
        claims = fixture.claims()
        claims["sub"] = "OTHER@techacct.adobe.com"
        expectError(try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .badRequest, "bad_request")
    }

    @Test func oauthCredentialCannotExchangeJWT() async throws {
        let fixture = try await AdobeFixture.make()
        var claims = fixture.claims()
        claims["aud"] = "\(AdobeFixture.ims)/c/\(fixture.oauth.clientID)"
        claims["sub"] = fixture.oauth.technicalAccountID
        let result = try await exchange(
            fixture, assertion: try fixture.keys.sign(claims),
            clientID: fixture.oauth.clientID, secret: fixture.oauth.secrets[0].value)
        expectError(result, .unauthorized, "invalid_client")
    }

    @Test func jwtExchangeIsRefusedAfterTheConversionDate() async throws {
        let fixture = try await AdobeFixture.make()
        let later = ConsolePolicy.utc(2026, 3, 2)
        await fixture.store.setClock(later)
        var claims = fixture.claims()
        claims["exp"] = Int(later.timeIntervalSince1970) + 300
        expectError(
            try await exchange(fixture, assertion: try fixture.keys.sign(claims)), .unauthorized, "invalid_client")
    }

    @Test func audienceWithTheSandboxHostIsAccepted() async throws {
        let fixture = try await AdobeFixture.make()
        var state = await fixture.store.snapshot()
        var claims = fixture.claims()
        claims["aud"] = "http://127.0.0.1:4444/c/\(fixture.jwt.clientID)"
        claims["http://127.0.0.1:4444/s/ent_marketing_sdk"] = true
        claims["\(AdobeFixture.ims)/s/ent_marketing_sdk"] = nil
        let result = IMSAuthority.exchangeJWT(
            assertion: try fixture.keys.sign(claims), clientID: fixture.jwt.clientID,
            clientSecret: fixture.jwt.secrets[0].value, baseURLs: ["http://127.0.0.1:4444"],
            at: AdobeFixture.start, in: &state)
        #expect((try? result.get().expiresIn) == 86_400_000)
    }
}
