import AemconfSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The Target Admin API audiences (target.md §1–§3, §5, §9) with raw HTTP requests.
@Suite struct TargetAudienceTests {
    static let v3 = "application/vnd.adobe.target.v3+json"
    typealias Client = any TestClientProtocol

    func call(
        _ client: Client, _ fixture: AdobeFixture, token: String, apiKey: String? = nil,
        _ method: HTTPRequest.Method, _ path: String, json: Any? = nil, mediaType: String? = v3
    )
        async throws -> TestResponse
    {
        var headers = Wire.bearer(token, apiKey: apiKey ?? fixture.oauth.clientID)
        var body: ByteBuffer?
        if let json {
            body = try Wire.json(json)
            if let mediaType { headers[.contentType] = mediaType }
        } else if let mediaType {
            headers[.accept] = mediaType
        }
        return try await client.execute(
            uri: "/\(fixture.tenant)/target" + path, method: method, headers: headers,
            body: body)
    }

    func expectErrorResponse(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String? = nil) throws {
        #expect(response.status == status)
        let body = try Wire.object(response)
        #expect(body["httpStatus"] as? Int == Int(status.code))
        #expect(body["requestId"] is String)
        #expect((body["requestTime"] as? String)?.hasSuffix("Z") == true)
        let errors = try #require(body["errors"] as? [[String: Any]])
        #expect(errors.first?["message"] is String)
        if let code { #expect(errors.first?["errorCode"] as? String == code) }
    }

    static var rule: [String: Any] { ["and": [["profile": "memberLevel", "equals": ["gold"]]]] }

    @Test func listHasOffsetLimitTotalAndV3MediaType() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            let response = try await call(client, fixture, token: token, .get, "/audiences")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == Self.v3)
            let body = try Wire.object(response)
            #expect(body["offset"] as? Int == 0)
            #expect(body["limit"] as? Int == 2_147_483_647)
            #expect(body["total"] as? Int == 5)
            let first = try #require((body["audiences"] as? [[String: Any]])?.first)
            #expect(first["targetRule"] == nil)
            #expect(first["origin"] as? String == "target")
            #expect(first["workspace"] is String)
        }
    }

    @Test(arguments: ["application/vnd.adobe.target.v2+json", "application/vnd.adobe.target.v1+json", nil])
    func olderVersionsAre406(_ mediaType: String?) async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            let list = try await call(client, fixture, token: token, .get, "/audiences", mediaType: mediaType)
            try expectErrorResponse(list, .notAcceptable, "Unsupported.Feature")
            #expect(
                (try Wire.object(list)["errors"] as? [[String: Any]])?.first?["message"] as? String
                    == "Unsupported features detected")
            let create = try await call(
                client, fixture, token: token, .post, "/audiences",
                json: ["name": "v2", "targetRule": Self.rule], mediaType: mediaType)
            try expectErrorResponse(create, .notAcceptable, "Unsupported.Feature")
        }
    }

    @Test func createGetUpdatePatchDelete() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            let created = try await call(
                client, fixture, token: token, .post, "/audiences",
                json: ["name": "Gold members", "description": "d", "targetRule": Self.rule])
            #expect(created.status == .created)
            let body = try Wire.object(created)
            let id = try #require(body["id"] as? Int)
            #expect(body["origin"] as? String == "target")
            #expect(body["workspace"] as? String == AdobeSeed.workspaceID(0))
            #expect(body["modifiedAt"] is String)

            let fetched = try Wire.object(try await call(client, fixture, token: token, .get, "/audiences/\(id)"))
            #expect(fetched["targetRule"] != nil)
            #expect(fetched["name"] as? String == "Gold members")

            let replaced = try await call(
                client, fixture, token: token, .put, "/audiences/\(id)",
                json: ["name": "Gold members 2", "targetRule": Self.rule])
            #expect(replaced.status == .ok)
            #expect(try Wire.object(replaced)["description"] == nil)

            let patched = try await call(
                client, fixture, token: token, .patch, "/audiences/\(id)",
                json: ["description": "patched"])
            #expect(patched.status == .ok)
            #expect(try Wire.object(patched)["name"] as? String == "Gold members 2")
            #expect(try Wire.object(patched)["description"] as? String == "patched")

            let deleted = try await call(client, fixture, token: token, .delete, "/audiences/\(id)")
            #expect(deleted.status == .ok)
            #expect(try Wire.object(deleted)["name"] as? String == "Gold members 2")
            try expectErrorResponse(try await call(client, fixture, token: token, .get, "/audiences/\(id)"), .notFound)
            try expectErrorResponse(
                try await call(client, fixture, token: token, .delete, "/audiences/\(id)"), .notFound)
        }
    }

    @Test func invalidAudiencesAre400() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            let bodies: [[String: Any]] = [
                ["name": "both", "targetRule": Self.rule, "audienceRule": ["restRuleOperator": "AND", "rules": [1]]],
                ["name": "neither"],
                ["name": String(repeating: "x", count: 256), "targetRule": Self.rule],
                ["targetRule": Self.rule],
                ["name": "Sandbox audience 000001", "targetRule": Self.rule],
                ["name": "bad workspace", "targetRule": Self.rule, "workspace": "999"],
            ]
            for body in bodies {
                let response = try await call(client, fixture, token: token, .post, "/audiences", json: body)
                try expectErrorResponse(response, .badRequest)
            }
        }
    }

    @Test func pagingAndSortBy() async throws {
        let fixture = try await AdobeFixture.make(audienceCount: 30)
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            func names(_ query: String) async throws -> (names: [String], total: Int?) {
                let body = try Wire.object(try await call(client, fixture, token: token, .get, "/audiences" + query))
                return (
                    (body["audiences"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? [],
                    body["total"] as? Int
                )
            }
            let all = try await names("?sortBy=name")
            #expect(all.total == 30)
            #expect(all.names == all.names.sorted())
            let page = try await names("?limit=10&offset=10&sortBy=name")
            #expect(page.names == Array(all.names[10..<20]))
            #expect(page.total == 30)
            let descending = try await names("?sortBy=-name&limit=3")
            #expect(descending.names == Array(all.names.reversed().prefix(3)))
            let byModified = try await names("?sortBy=-modifiedAt,id&limit=2")
            #expect(byModified.names == Array(all.names.reversed().prefix(2)))
            let beyond = try await names("?offset=100")
            #expect(beyond.names.isEmpty)
            #expect(beyond.total == 30)
            try expectErrorResponse(
                try await call(client, fixture, token: token, .get, "/audiences?sortBy=color"),
                .badRequest)
            try expectErrorResponse(
                try await call(client, fixture, token: token, .get, "/audiences?limit=-1"),
                .badRequest)
        }
    }

    @Test func credentialSeesOnlyTheWorkspacesOfItsProductProfiles() async throws {
        let fixture = try await AdobeFixture.make(audienceCount: 20)
        let token = try await fixture.oauthToken(fixture.marketing)
        try await fixture.application().test(.router) { client in
            let list = try Wire.object(
                try await call(
                    client, fixture, token: token, apiKey: fixture.marketing.clientID,
                    .get, "/audiences"))
            let workspaces = Set(
                (list["audiences"] as? [[String: Any]])?.compactMap { $0["workspace"] as? String } ?? [])
            #expect(workspaces == [AdobeSeed.workspaceID(1)])
            #expect(list["total"] as? Int == 2)
            let intoDefault = try await call(
                client, fixture, token: token, apiKey: fixture.marketing.clientID,
                .post, "/audiences", json: ["name": "m", "targetRule": Self.rule])
            try expectErrorResponse(intoDefault, .forbidden)
            let intoMarketing = try await call(
                client, fixture, token: token, apiKey: fixture.marketing.clientID, .post, "/audiences",
                json: ["name": "m", "targetRule": Self.rule, "workspace": AdobeSeed.workspaceID(1)])
            #expect(intoMarketing.status == .created)
            let hidden = try await call(
                client, fixture, token: token, apiKey: fixture.marketing.clientID, .get,
                "/audiences/1000001")
            try expectErrorResponse(hidden, .forbidden)
        }
    }

    @Test func gatewayRefusals() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        try await fixture.application().test(.router) { client in
            let noKey = try await client.execute(
                uri: "/\(fixture.tenant)/target/audiences", method: .get,
                headers: [.authorization: "Bearer \(token)", .accept: Self.v3])
            #expect(noKey.status == .forbidden)
            #expect(try Wire.object(noKey)["error_code"] as? String == "403003")
            let forged = try await call(client, fixture, token: token + "x", .get, "/audiences")
            #expect(forged.status == .unauthorized)
            #expect(try Wire.object(forged)["error_code"] as? String == "401013")
            let otherClient = try await call(
                client, fixture, token: token, apiKey: fixture.marketing.clientID, .get,
                "/audiences")
            #expect(otherClient.status == .unauthorized)
            let userToken = try await call(
                client, fixture, token: fixture.userToken, apiKey: fixture.cliKey, .get,
                "/audiences")
            try expectErrorResponse(userToken, .forbidden)
            let unknownTenant = try await client.execute(
                uri: "/nosuchtenant/target/audiences", method: .get,
                headers: Wire.bearer(token, apiKey: fixture.oauth.clientID))
            try expectErrorResponse(unknownTenant, .notFound)
            await fixture.store.advanceClock(by: 86_401)
            let expired = try await call(client, fixture, token: token, .get, "/audiences")
            #expect(expired.status == .unauthorized)
        }
    }

    @Test func jwtExchangedTokenIsAcceptedByTarget() async throws {
        let fixture = try await AdobeFixture.make()
        var state = await fixture.store.snapshot()
        let grant = try IMSAuthority.exchangeJWT(
            assertion: try fixture.keys.sign(fixture.claims()), clientID: fixture.jwt.clientID,
            clientSecret: fixture.jwt.secrets[0].value, at: AdobeFixture.start, in: &state
        ).get()
        try await fixture.application().test(.router) { client in
            let response = try await call(
                client, fixture, token: grant.accessToken, apiKey: fixture.jwt.clientID,
                .get, "/audiences")
            #expect(response.status == .ok)
        }
    }

    @Test func inProcessCallGivesTheSameAnswer() async throws {
        let fixture = try await AdobeFixture.make()
        let token = try await fixture.oauthToken()
        let answer = await TargetAPI.handle(
            TargetRequest(
                method: "GET", path: "/\(fixture.tenant)/target/audiences", query: "limit=2",
                authorization: "Bearer \(token)", apiKey: fixture.oauth.clientID, accept: Self.v3),
            store: fixture.store)
        #expect(answer.status == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        #expect((body["audiences"] as? [Any])?.count == 2)
    }
}
