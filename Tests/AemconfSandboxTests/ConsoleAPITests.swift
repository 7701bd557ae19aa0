import AemconfSandbox
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The Developer Console API (adobe-io-console.md), driven with raw HTTP requests and the seeded user token.
@Suite struct ConsoleAPITests {
    typealias Client = any TestClientProtocol

    func call(
        _ client: Client, _ fixture: AdobeFixture, _ method: HTTPRequest.Method, _ path: String,
        json: Any? = nil, body: ByteBuffer? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = Wire.bearer(fixture.userToken, apiKey: fixture.cliKey)
        for field in headers { fields[field.name] = field.value }
        var payload = body
        if let json {
            payload = try Wire.json(json)
            fields[.contentType] = "application/json"
        }
        return try await client.execute(
            uri: "/console/organizations" + path, method: method, headers: fields,
            body: payload)
    }

    /// Creates a default project and returns (projectId, workspaceId).
    func project(_ client: Client, _ fixture: AdobeFixture, name: String = "aem-target") async throws -> (
        String, String
    ) {
        let response = try await call(
            client, fixture, .post, "/\(fixture.orgID)/projects",
            json: ["name": name, "title": name, "type": "default"])
        #expect(response.status == .created)
        let body = try Wire.object(response)
        return (try #require(body["projectId"] as? String), try #require(body["workspaceId"] as? String))
    }

    @Test func organizationsListAMSIdAndIMSOrgCode() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await call(client, fixture, .get, "")
            #expect(response.status == .ok)
            let orgs = try Wire.array(response)
            #expect(orgs.first?["id"] as? String == fixture.orgID)
            #expect(orgs.first?["code"] as? String == fixture.orgCode)
            #expect(orgs.first?["role"] as? String == "ADMIN")
        }
    }

    @Test func badTokenIs401AndBadAPIKeyIs403() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let badToken = try await client.execute(
                uri: "/console/organizations", method: .get,
                headers: Wire.bearer("forged.token.value", apiKey: fixture.cliKey))
            #expect(badToken.status == .unauthorized)
            #expect(try Wire.object(badToken)["error_code"] as? String == "401013")
            let badKey = try await client.execute(
                uri: "/console/organizations", method: .get,
                headers: Wire.bearer(fixture.userToken, apiKey: "not-a-key"))
            #expect(badKey.status == .forbidden)
            #expect(try Wire.object(badKey)["error_code"] as? String == "403003")
            let noKey = try await client.execute(
                uri: "/console/organizations/\(fixture.orgID)/projects", method: .get,
                headers: [.authorization: "Bearer \(fixture.userToken)"])
            #expect(noKey.status == .forbidden)
            await fixture.store.advanceClock(by: 400 * 86_400)
            let expired = try await call(client, fixture, .get, "/\(fixture.orgID)/projects")
            #expect(expired.status == .unauthorized)
        }
    }

    @Test func imsOrgCodeInPathIsRefused() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await call(client, fixture, .get, "/\(fixture.orgCode)/projects")
            #expect(response.status == .forbidden)
            #expect((try Wire.object(response)["message"] as? String)?.contains("AMS") == true)
        }
    }

    @Test func targetServiceListsProductProfiles() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await call(client, fixture, .get, "/\(fixture.orgID)/services?sdkCodes=AdobeTargetSDK")
            let services = try Wire.array(response)
            #expect(services.count == 1)
            #expect(services.first?["code"] as? String == "AdobeTargetSDK")
            let properties = try #require(services.first?["properties"] as? [String: Any])
            let names = (properties["licenseConfigs"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["Default Workspace", "Marketing", "Mobile"])
        }
    }

    @Test func defaultProjectHasOneWorkspaceAndRefusesASecond() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let (projectID, workspaceID) = try await project(client, fixture)
            let list = try Wire.array(
                try await call(
                    client, fixture, .get,
                    "/\(fixture.orgID)/projects/\(projectID)/workspaces"))
            #expect(list.map { $0["id"] as? String } == [workspaceID])
            let second = try await call(
                client, fixture, .post, "/\(fixture.orgID)/projects/\(projectID)/workspaces",
                json: ["name": "Stage"])
            #expect(second.status == .badRequest)
            #expect(
                try Wire.object(second)["message"] as? String == "Only one workspace allowed for project type default")
        }
    }

    @Test func oauthCredentialLifecycle() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let (projectID, workspaceID) = try await project(client, fixture)
            let base = "/\(fixture.orgID)/projects/\(projectID)/workspaces/\(workspaceID)/credentials"
            let created = try await call(
                client, fixture, .post, base + "/oauth-server-to-server",
                json: ["name": "aem-target-prod", "description": "AEM to Target"])
            #expect(created.status == .ok)
            let body = try Wire.object(created)
            let credentialID = try #require(body["id"] as? String)
            let apiKey = try #require(body["apiKey"] as? String)
            #expect(body["orgId"] as? String == fixture.orgID)

            let duplicate = try await call(
                client, fixture, .post, base + "/oauth-server-to-server",
                json: ["name": "aem-target-prod", "description": "again"])
            #expect(duplicate.status == .conflict)
            #expect(try Wire.object(duplicate)["error_code"] as? String == "ERR_MSG_DUPLICATE_NAME")
            for badName in ["short", String(repeating: "n", count: 26)] {
                let refused = try await call(
                    client, fixture, .post, base + "/oauth-server-to-server",
                    json: ["name": badName, "description": "x"])
                #expect(refused.status == .badRequest)
            }

            let subscription: [[String: Any]] = [
                [
                    "sdkCode": "AdobeTargetSDK", "roles": NSNull(),
                    "licenseConfigs": [["op": "add", "id": AdobeSeed.profileID(0), "productId": "TGT-2B1F0C7E"]],
                ]
            ]
            let subscribed = try await call(
                client, fixture, .put,
                base + "/oauth-server-to-server/\(credentialID)/services", json: subscription)
            #expect(subscribed.status == .ok)
            #expect(try Wire.object(subscribed)["sdkList"] as? [String] == ["AdobeTargetSDK"])
            let unknownProfile: [[String: Any]] = [
                [
                    "sdkCode": "AdobeTargetSDK", "licenseConfigs": [["op": "add", "id": "999", "productId": "x"]],
                ]
            ]
            let refused = try await call(
                client, fixture, .put,
                base + "/oauth-server-to-server/\(credentialID)/services", json: unknownProfile)
            #expect(refused.status == .badRequest)

            let listed = try Wire.array(try await call(client, fixture, .get, base))
            #expect(listed.first?["id_integration"] as? String == credentialID)
            #expect(listed.first?["integration_type"] as? String == "oauth_server_to_server")

            let download = try Wire.object(
                try await call(
                    client, fixture, .get, "/\(fixture.orgID)/projects/\(projectID)/workspaces/\(workspaceID)/download")
            )
            let projectBody = try #require(download["project"] as? [String: Any])
            let org = try #require(projectBody["org"] as? [String: Any])
            #expect(org["ims_org_id"] as? String == fixture.orgCode)
            let workspace = try #require(org["workspace"] as? [String: Any])
            let details = try #require(workspace["details"] as? [String: Any])
            let credential = try #require((details["credentials"] as? [[String: Any]])?.first)
            let s2s = try #require(credential["oauth_server_to_server"] as? [String: Any])
            #expect(s2s["client_id"] as? String == apiKey)
            #expect((s2s["client_secrets"] as? [String])?.count == 1)
            #expect((s2s["scopes"] as? [String])?.contains("target_sdk") == true)
            #expect((s2s["technical_account_id"] as? String)?.hasSuffix("@techacct.adobe.com") == true)

            // The downloaded secret really works against IMS.
            let secret = try #require((s2s["client_secrets"] as? [String])?.first)
            let token = try await client.execute(
                uri: "/ims/token/v3", method: .post, headers: Wire.formHeaders,
                body: Wire.form([
                    ("grant_type", "client_credentials"), ("client_id", apiKey),
                    ("client_secret", secret), ("scope", "openid,AdobeID,target_sdk"),
                ]))
            #expect(token.status == .ok)
        }
    }

    @Test func atMostTwoClientSecrets() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let path = "/\(fixture.orgID)/credentials/\(fixture.oauth.id)/secrets"
            let second = try await call(client, fixture, .post, path)
            #expect(second.status == .created)
            let created = try Wire.object(second)
            let value = try #require(created["client_secret"] as? String)
            #expect(created["expires_at"] as? String == "PERMANENT")
            let third = try await call(client, fixture, .post, path)
            #expect(third.status == .badRequest)
            let listed = try await call(client, fixture, .get, path)
            let text = Wire.text(listed)
            #expect(!text.contains(value))
            #expect((try Wire.object(listed)["client_secrets"] as? [Any])?.count == 2)
            let uuid = try #require(created["uuid"] as? String)
            #expect(try await call(client, fixture, .delete, path + "/\(uuid)").status == .ok)
            #expect(try await call(client, fixture, .post, path).status == .created)
        }
    }

    @Test func jwtCredentialWithCertificateBindingBeforeTheCutoff() async throws {
        let fixture = try await AdobeFixture.make()
        let keys = try #require(TestKeyPair.second)
        try await fixture.application().test(.router) { client in
            let (projectID, workspaceID) = try await project(client, fixture)
            let path = "/\(fixture.orgID)/projects/\(projectID)/workspaces/\(workspaceID)/credentials/entp"
            let (body, headers) = Wire.multipart([
                ("certificate", keys.certificatePEM, "certificate_pub.crt"), ("name", "aem-target-jwt", nil),
                ("description", "legacy", nil),
            ])
            let created = try await call(client, fixture, .post, path, body: body, headers: headers)
            #expect(created.status == .ok)
            let integrationID = try #require(try Wire.object(created)["id"] as? String)
            let bindings = try Wire.array(
                try await call(
                    client, fixture, .get, "/\(fixture.orgID)/integrations/entp/\(integrationID)/bindings"))
            let expected = Insecure.SHA1.hash(data: keys.certificateDER).map { String(format: "%02x", $0) }.joined()
            #expect(bindings.first?["certificateFingerprint"] as? String == expected)
            #expect(bindings.first?["notAfter"] as? Int == Int(keys.notAfter.timeIntervalSince1970 * 1000))
            let again = try await call(
                client, fixture, .post,
                "/\(fixture.orgID)/integrations/entp/\(integrationID)/bindings",
                body: Wire.multipart([("certificate", keys.certificatePEM, "c.crt")]).0,
                headers: headers)
            #expect(again.status == .badRequest)
        }
    }

    @Test func jwtCredentialIsRefusedAfterTheCutoff() async throws {
        let fixture = try await AdobeFixture.make()
        await fixture.store.setClock(ConsolePolicy.utc(2024, 6, 3))
        let keys = try #require(TestKeyPair.second)
        try await fixture.application().test(.router) { client in
            let (projectID, workspaceID) = try await project(client, fixture)
            let (body, headers) = Wire.multipart([
                ("certificate", keys.certificatePEM, "certificate_pub.crt"), ("name", "aem-target-jwt", nil),
                ("description", "legacy", nil),
            ])
            let refused = try await call(
                client, fixture, .post,
                "/\(fixture.orgID)/projects/\(projectID)/workspaces/\(workspaceID)/credentials/entp",
                body: body, headers: headers)
            #expect(refused.status == .badRequest)
            #expect(try Wire.object(refused)["error_code"] as? String == "ERR_MSG_JWT_DEPRECATED")
        }
    }

    @Test func projectsPageFromOneAndIntegrationsFromZero() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            for name in ["alpha", "beta", "gamma"] { _ = try await project(client, fixture, name: name) }
            let all = try Wire.array(try await call(client, fixture, .get, "/\(fixture.orgID)/projects"))
            #expect(all.count == 3)
            let second = try Wire.array(
                try await call(
                    client, fixture, .get, "/\(fixture.orgID)/projects?page=2&size=1&sortField=title&sortOrder=ASC"))
            #expect(second.map { $0["title"] as? String } == ["beta"])
            let titled = try Wire.array(try await call(client, fixture, .get, "/\(fixture.orgID)/projects?title=gamma"))
            #expect(titled.count == 1)
            let bad = try await call(client, fixture, .get, "/\(fixture.orgID)/projects?sortField=name&page=0")
            #expect(bad.status == .badRequest)
            let message = try Wire.object(bad)["message"] as? String
            #expect(message?.contains("sortField must be one of") == true)
            #expect(message?.contains("page must be a positive integer") == true)

            let page = try Wire.object(
                try await call(
                    client, fixture, .get,
                    "/\(fixture.orgID)/integrations?page=1&size=2"))
            #expect(page["page"] as? Int == 1)
            #expect(page["total"] as? Int == 3)
            #expect(page["pages"] as? Int == 2)
            #expect((page["content"] as? [Any])?.count == 1)
            let tooBig = try await call(client, fixture, .get, "/\(fixture.orgID)/integrations?size=51")
            #expect(tooBig.status == .badRequest)
        }
    }

    @Test func integrationDetailsAndDeletion() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let details = try Wire.object(
                try await call(
                    client, fixture, .get,
                    "/\(fixture.orgID)/integrations/\(fixture.oauth.id)"))
            #expect(details["apikey"] as? String == fixture.oauth.clientID)
            #expect(details["sdkList"] as? [String] == ["AdobeTargetSDK"])
            let deleted = try await call(client, fixture, .delete, "/\(fixture.orgID)/integrations/\(fixture.oauth.id)")
            #expect(deleted.status == .noContent)
            let gone = try await call(client, fixture, .get, "/\(fixture.orgID)/integrations/\(fixture.oauth.id)")
            #expect(gone.status == .notFound)
        }
    }
}
