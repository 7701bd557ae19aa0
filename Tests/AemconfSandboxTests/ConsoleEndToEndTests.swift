import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// The click-path over real sockets: console user → project, credential, Target subscription → download →
/// IMS token → Target, for OAuth Server-to-Server and for JWT (before the 2024-06-03 cut-off); and the
/// request log never holds a client secret.
@Suite struct ConsoleEndToEndTests {
    static let v3 = "application/vnd.adobe.target.v3+json"

    struct Session {
        let harness: SandboxHarness
        let headers: [String: String]
        let org: String

        func json(_ method: String, _ path: String, _ body: Any? = nil) async throws -> SandboxHarness.Response {
            var all = headers
            var data: Data?
            if let body {
                data = try JSONSerialization.data(withJSONObject: body)
                all["Content-Type"] = "application/json"
            }
            return try await harness.request(
                .console, method, "/console/organizations/\(org)" + path, headers: all,
                body: data)
        }

        /// Creates a project and returns its workspace path.
        func workspace(_ name: String) async throws -> String {
            let created = try await json("POST", "/projects", ["name": name, "title": name, "type": "default"])
            #expect(created.status == 201)
            let project = try #require(created.jsonObject?["projectId"] as? String)
            let workspace = try #require(created.jsonObject?["workspaceId"] as? String)
            return "/projects/\(project)/workspaces/\(workspace)"
        }

        func subscription(_ profile: Int = 0) -> [[String: Any]] {
            [
                [
                    "sdkCode": "AdobeTargetSDK", "roles": NSNull(),
                    "licenseConfigs": [["op": "add", "id": AdobeSeed.profileID(profile), "productId": "TGT-2B1F0C7E"]],
                ]
            ]
        }

        func credential(_ workspacePath: String) async throws -> [String: Any] {
            let download = try await json("GET", workspacePath + "/download")
            #expect(download.status == 200)
            let project = try #require(download.jsonObject?["project"] as? [String: Any])
            let workspace = try #require(project["workspace"] as? [String: Any])
            let details = try #require(workspace["details"] as? [String: Any])
            return try #require((details["credentials"] as? [[String: Any]])?.first)
        }

        func audiences(token: String, apiKey: String) async throws -> SandboxHarness.Response {
            let tenant = harness.sandbox.credentials.targetTenant ?? "wknd"
            return try await harness.request(
                .target, "GET", "/\(tenant)/target/audiences?limit=2",
                headers: [
                    "Authorization": "Bearer \(token)", "X-Api-Key": apiKey, "Accept": ConsoleEndToEndTests.v3,
                ])
        }
    }

    func session(_ harness: SandboxHarness) throws -> Session {
        let credentials = harness.sandbox.credentials
        return Session(
            harness: harness,
            headers: [
                "Authorization": "Bearer " + (try #require(credentials.consoleUserToken)),
                "x-api-key": try #require(credentials.consoleAPIKey),
            ],
            org: try #require(credentials.consoleOrgId)
        )
    }

    @Test func oauthServerToServerClickPath() async throws {
        let harness = try await SandboxHarness.start()
        do {
            let session = try session(harness)
            let workspacePath = try await session.workspace("aem-target-e2e")
            let created = try await session.json(
                "POST", workspacePath + "/credentials/oauth-server-to-server",
                ["name": "aem-target-e2e", "description": "e2e"])
            #expect(created.status == 200)
            let id = try #require(created.jsonObject?["id"] as? String)
            let subscribed = try await session.json(
                "PUT", workspacePath + "/credentials/oauth-server-to-server/\(id)/services", session.subscription())
            #expect(subscribed.status == 200)
            let credential = try await session.credential(workspacePath)
            let s2s = try #require(credential["oauth_server_to_server"] as? [String: Any])
            let clientID = try #require(s2s["client_id"] as? String)
            let secret = try #require((s2s["client_secrets"] as? [String])?.first)
            let scope = ((s2s["scopes"] as? [String]) ?? []).joined(separator: ",")

            let canary = "p8e-CANARY-e2e-\(UUID().uuidString)"
            let refused = try await harness.postForm(
                .ims, "/ims/token/v3",
                fields: [
                    ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", canary),
                    ("scope", scope),
                ])
            #expect(refused.status == 401)
            #expect(!refused.text.contains(canary))
            let query = SandboxHarness.urlEncoded([
                ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", canary),
                ("scope", scope),
            ])
            let refusedByQuery = try await harness.request(.ims, "POST", "/ims/token/v3?" + query)
            #expect(refusedByQuery.status == 401)

            let granted = try await harness.postForm(
                .ims, "/ims/token/v3",
                fields: [
                    ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", secret),
                    ("scope", scope),
                ])
            #expect(granted.status == 200)
            #expect(granted.jsonObject?["expires_in"] as? Int == 86_399)
            let token = try #require(granted.jsonObject?["access_token"] as? String)
            let listed = try await session.audiences(token: token, apiKey: clientID)
            #expect(listed.status == 200)
            #expect(listed.jsonObject?["total"] as? Int == 5)

            for entry in harness.sandbox.requestLog.entries() {
                #expect(!entry.path.contains(canary))
                #expect(!entry.path.contains(secret))
            }
        } catch {
            try? await harness.stop()
            throw error
        }
        try await harness.stop()
    }

    @Test func jwtClickPathBeforeTheCutoff() async throws {
        let harness = try await SandboxHarness.start()
        do {
            let now = Date(timeIntervalSince1970: 1_709_294_400)  // 2024-03-01
            await harness.sandbox.store.setClock(now)
            let keys = try #require(TestKeyPair.first)
            let session = try session(harness)
            let workspacePath = try await session.workspace("aem-target-jwt")
            var headers = session.headers
            headers.removeValue(forKey: "Content-Type")
            let created = try await harness.postMultipart(
                .console, "/console/organizations/\(session.org)" + workspacePath + "/credentials/entp",
                parts: [
                    .file("certificate", filename: "certificate_pub.crt", Data(keys.certificatePEM.utf8)),
                    .field("name", "aem-target-jwt"), .field("description", "legacy"),
                ],
                headers: headers)
            #expect(created.status == 200)
            let id = try #require(created.jsonObject?["id"] as? String)
            let subscribed = try await session.json("PUT", "/integrations/entp/\(id)/services", session.subscription())
            #expect(subscribed.status == 200)
            let credential = try await session.credential(workspacePath)
            let jwt = try #require(credential["jwt"] as? [String: Any])
            let clientID = try #require(jwt["client_id"] as? String)
            #expect(jwt["meta_scopes"] as? [String] == ["ent_marketing_sdk"])
            let ims = harness.baseURL(.ims)
            let assertion = try keys.sign([
                "exp": Int(now.timeIntervalSince1970) + 300, "iss": harness.sandbox.credentials.imsOrgId ?? "",
                "sub": try #require(jwt["technical_account_id"] as? String), "aud": "\(ims)/c/\(clientID)",
                "\(ims)/s/ent_marketing_sdk": true,
            ])
            let exchanged = try await harness.postForm(
                .ims, "/ims/exchange/jwt",
                fields: [
                    ("client_id", clientID), ("client_secret", try #require(jwt["client_secret"] as? String)),
                    ("jwt_token", assertion),
                ])
            #expect(exchanged.status == 200)
            #expect(exchanged.jsonObject?["expires_in"] as? Int == 86_400_000)
            let token = try #require(exchanged.jsonObject?["access_token"] as? String)
            #expect(try await session.audiences(token: token, apiKey: clientID).status == 200)
        } catch {
            try? await harness.stop()
            throw error
        }
        try await harness.stop()
    }
}
