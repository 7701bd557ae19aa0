import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import Logging
import Testing

@Suite struct TokenCacheTests {
    func ims(_ transport: ScriptedTransport, clock: VirtualClock) -> IMSClient {
        IMSClient(
            baseURL: "https://ims.example",
            environment: ServiceEnvironment(
                transport: transport, version: "1", logger: Logger(label: "t"), clock: clock, jitter: .fixed(0))
        )
    }

    @Test func oauthExpiresInIsSeconds() async throws {
        let transport = ScriptedTransport { _, index in
            ScriptedTransport.json(200, #"{"access_token":"tok-\#(index)","token_type":"bearer","expires_in":86399}"#)
        }
        let clock = VirtualClock()
        let cache = TokenCache(
            credential: .oauthServerToServer(
                clientID: "c", clientSecret: Secret("secret-value"), scopes: ["openid", "AdobeID"]),
            ims: ims(transport, clock: clock))
        let token = try await cache.token()
        #expect(token.expiresAt.timeIntervalSince(clock.now()) == 86399)
        let body = String(decoding: transport.requests[0].body ?? [], as: UTF8.self)
        #expect(body.contains("grant_type=client_credentials"))
        #expect(body.contains("scope=openid%2CAdobeID"))
        #expect(transport.requests[0].url == "https://ims.example/ims/token/v3")
    }

    @Test func jwtExchangeExpiresInIsMilliseconds() async throws {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(200, #"{"access_token":"tok","token_type":"bearer","expires_in":86399990}"#)
        }
        let clock = VirtualClock()
        let key = try RSAKeyPair.generate()
        let claims = ServiceAccountJWT(
            organizationID: "o@AdobeOrg", technicalAccountID: "t@techacct.adobe.com", clientID: "c",
            imsBaseURL: "https://ims.example", metascopes: ["ent_marketing_sdk"])
        let cache = TokenCache(
            credential: .serviceAccount(
                clientID: "c", clientSecret: Secret("secret-value"), claims: claims, privateKey: key),
            ims: ims(transport, clock: clock))
        let token = try await cache.token()
        #expect(abs(token.expiresAt.timeIntervalSince(clock.now()) - 86399.99) < 0.001)
        #expect(transport.requests[0].url == "https://ims.example/ims/exchange/jwt")
        let body = String(decoding: transport.requests[0].body ?? [], as: UTF8.self)
        #expect(body.contains("jwt_token=ey"))
        #expect(body.contains("client_id=c"))
    }

    @Test func theTokenIsReusedThenRefreshedBeforeExpiry() async throws {
        let transport = ScriptedTransport { _, index in
            ScriptedTransport.json(200, #"{"access_token":"tok-\#(index)","token_type":"bearer","expires_in":3600}"#)
        }
        let clock = VirtualClock()
        let cache = TokenCache(
            credential: .oauthServerToServer(clientID: "c", clientSecret: Secret("secret-value"), scopes: ["openid"]),
            ims: ims(transport, clock: clock), refreshMargin: 300)
        #expect(try await cache.accessToken().revealed == "tok-0")
        clock.advance(by: 3000)
        #expect(try await cache.accessToken().revealed == "tok-0")
        clock.advance(by: 301)
        #expect(try await cache.accessToken().revealed == "tok-1")
        #expect(await cache.tokensFetched == 2)
    }

    @Test func anInvalidatedTokenIsFetchedAgainAndConcurrentCallersShareAFetch() async throws {
        let transport = ScriptedTransport { _, index in
            ScriptedTransport.json(200, #"{"access_token":"tok-\#(index)","token_type":"bearer","expires_in":3600}"#)
        }
        let cache = TokenCache(
            credential: .oauthServerToServer(clientID: "c", clientSecret: Secret("secret-value"), scopes: ["openid"]),
            ims: ims(transport, clock: VirtualClock()))
        async let first = cache.accessToken()
        async let second = cache.accessToken()
        let (a, b) = try await (first, second)
        #expect(a == b)
        await cache.invalidate(a)
        #expect(try await cache.accessToken() != a)
        #expect(transport.requests.count == 2)
    }
}
