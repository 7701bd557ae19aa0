import AemconfSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// ims.md §5: from 2026-03-01 Adobe converts remaining JWT credentials to OAuth Server-to-Server. IMS then grants
/// them client-credentials tokens; the console must show the same credential the same way
/// (``SandboxAssumptions/Item/consoleJWTConversionView``).
@Suite struct ConsoleJWTConversionTests {
    static func integration(_ client: any TestClientProtocol, _ fixture: AdobeFixture) async throws -> [String: Any] {
        let response = try await client.execute(
            uri: "/console/organizations/\(fixture.orgID)/integrations/\(fixture.jwt.id)", method: .get,
            headers: Wire.bearer(fixture.userToken, apiKey: fixture.cliKey)
        )
        #expect(response.status == .ok)
        return try Wire.object(response)
    }

    static func scopes(_ integration: [String: Any]) -> [String] {
        ((integration["serviceProperties"] as? [[String: Any]])?.first?["scopes"] as? [String] ?? []).sorted()
    }

    static func token(_ client: any TestClientProtocol, _ fixture: AdobeFixture, scope: String) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/ims/token/v3", method: .post, headers: Wire.formHeaders,
            body: Wire.form([
                ("grant_type", "client_credentials"), ("client_id", fixture.jwt.clientID),
                ("client_secret", fixture.jwt.secrets[0].value), ("scope", scope),
            ])
        )
    }

    /// The conversion date moved to the fixture's clock, so the seeded user token stays valid.
    static func convert(_ fixture: AdobeFixture) async {
        await fixture.store.mutate { $0.console.policy.jwtConversion = AdobeFixture.start }
    }

    @Test func theConsoleListsTheScopesIMSGrantsOnceAJWTCredentialIsConverted() async throws {
        let fixture = try await AdobeFixture.make()
        try await fixture.application().test(.router) { client in
            let before = try await Self.integration(client, fixture)
            #expect(Self.scopes(before).isEmpty, "a JWT credential lists metascopes, not OAuth scopes")
            #expect(try await Self.token(client, fixture, scope: "openid,AdobeID,target_sdk").status != .ok)

            await Self.convert(fixture)
            let after = try await Self.integration(client, fixture)
            let listed = Self.scopes(after)
            #expect(listed.contains("target_sdk"), "\(listed)")
            let granted = try await Self.token(client, fixture, scope: listed.joined(separator: ","))
            #expect(granted.status == .ok, "IMS grants exactly what the console lists: \(Wire.text(granted))")
            let unlisted = try await Self.token(client, fixture, scope: "openid,adobeio_api")
            #expect(unlisted.status == .badRequest, "and nothing the console does not list")
            #expect((after["serviceProperties"] as? [[String: Any]])?.first?["licenseConfigs"] as? [Any] != nil)
        }
    }

    @Test func aConvertedCredentialIsListedAsMigratedWithBothBlocksInTheDownload() async throws {
        let fixture = try await AdobeFixture.make()
        let keys = try #require(TestKeyPair.second)
        try await fixture.application().test(.router) { client in
            let headers = Wire.bearer(fixture.userToken, apiKey: fixture.cliKey)
            var json = headers
            json[.contentType] = "application/json"
            let created = try await client.execute(
                uri: "/console/organizations/\(fixture.orgID)/projects", method: .post, headers: json,
                body: try Wire.json(["name": "aem-target", "title": "aem-target", "type": "default"])
            )
            let project = try Wire.object(created)
            let projectID = try #require(project["projectId"] as? String)
            let workspaceID = try #require(project["workspaceId"] as? String)
            let workspace = "/console/organizations/\(fixture.orgID)/projects/\(projectID)/workspaces/\(workspaceID)"
            var (body, multipart) = Wire.multipart([
                ("certificate", keys.certificatePEM, "certificate_pub.crt"), ("name", "aem-target-jwt", nil),
                ("description", "legacy", nil),
            ])
            for field in headers { multipart[field.name] = field.value }
            let jwt = try await client.execute(
                uri: workspace + "/credentials/entp", method: .post, headers: multipart,
                body: body)
            #expect(jwt.status == .ok)

            func listedType() async throws -> String? {
                let list = try Wire.array(
                    try await client.execute(
                        uri: workspace + "/credentials", method: .get,
                        headers: headers))
                return list.first?["integration_type"] as? String
            }
            #expect(try await listedType() == "service")
            await Self.convert(fixture)
            #expect(try await listedType() == "oauth_server_to_server_migrate")
            let download = try Wire.object(
                try await client.execute(
                    uri: workspace + "/download", method: .get,
                    headers: headers))
            let details =
                ((((download["project"] as? [String: Any])?["workspace"] as? [String: Any])?["details"])
                    as? [String: Any])
            let credential = try #require((details?["credentials"] as? [[String: Any]])?.first)
            let legacy = try #require(credential["jwt"] as? [String: Any])
            let oauth = try #require(credential["oauth_server_to_server"] as? [String: Any], "\(credential)")
            #expect(oauth["client_id"] as? String == legacy["client_id"] as? String)
            #expect((oauth["client_secrets"] as? [String])?.first == legacy["client_secret"] as? String)
            #expect(oauth["scopes"] is [String])
        }
    }
}
