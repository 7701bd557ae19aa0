import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// aem.md §2.3–2.4: Felix configMgr mirrored to `/apps/system/config/*.config`, service-pack rules.
@Suite struct AEMConfigManagerTests {
    static let provider = "com.adobe.granite.auth.oauth.accesstoken.provider"
    static let create = "/system/console/configMgr/%5BTemporary%20PID%20replaced%20by%20real%20PID%20upon%20save%5D"

    static func oauthFields(_ extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("apply", "true"), ("factoryPid", provider),
            (
                "propertylist",
                "name,auth.token.provider.title,auth.token.provider.client.id,auth.token.provider.scope,auth.token.provider.authorization.grants,auth.token.provider.default.claims,auth.token.provider.conn.timeout,auth.token.provider.reuse.access.token"
            ),
            ("name", "target-prod"), ("auth.token.provider.title", "Adobe Target (prod)"),
            ("auth.token.provider.client.id", "client-1"), ("auth.token.provider.scope", "openid,AdobeID,target_sdk"),
            ("auth.token.provider.authorization.grants", "client_credentials"),
            ("auth.token.provider.default.claims", "\"iss\": \"ORG@AdobeOrg\""),
            ("auth.token.provider.conn.timeout", "30000"), ("auth.token.provider.reuse.access.token", "true"),
        ] + extra
    }

    @Test func createsAFactoryConfigurationAsAConfigFile() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let created = try await harness.postForm(.aem, Self.create, fields: Self.oauthFields(), headers: headers)
        #expect(created.status == 302)
        let location = try #require(created.header("Location"))
        #expect(location.hasPrefix("/system/console/configMgr/\(Self.provider)."))
        let pid = String(location.dropFirst("/system/console/configMgr/".count))

        let listing = try await harness.request(
            .aem, "GET", "/apps/system/config.1.json", headers: harness.aemAdminHeaders)
        let fileName = Self.provider + "-" + pid.dropFirst(Self.provider.count + 1) + ".config"
        #expect(listing.jsonObject?[fileName] != nil)
        let file = try await harness.request(
            .aem, "GET", "/apps/system/config/" + fileName, headers: harness.aemAdminHeaders)
        #expect(file.status == 200)
        #expect(file.text.contains("auth.token.provider.client.id=\"client-1\""))
        #expect(file.text.contains("auth.token.provider.conn.timeout=I\"30000\""))
        #expect(file.text.contains("auth.token.provider.reuse.access.token=B\"true\""))
        #expect(file.text.contains(#"auth.token.provider.default.claims=["\"iss\":\ \"ORG@AdobeOrg\""]"#))

        let read = try await harness.postForm(.aem, "/system/console/configMgr/" + pid, fields: [], headers: headers)
        #expect(read.status == 200)
        let properties = try #require(read.jsonObject?["properties"] as? [String: [String: Any]])
        #expect(properties["auth.token.provider.client.id"]?["value"] as? String == "client-1")
        #expect(properties["auth.token.provider.client.id"]?["is_set"] as? Bool == true)
        #expect(properties["auth.token.provider.conn.timeout"]?["type"] as? Int == 3)
        #expect(
            properties["auth.token.provider.default.claims"]?["values"] as? [String] == ["\"iss\": \"ORG@AdobeOrg\""])
        try await harness.stop()
    }

    @Test func anUpdateRemovesPropertiesNotListed() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let created = try await harness.postForm(.aem, Self.create, fields: Self.oauthFields(), headers: headers)
        let pid = String(try #require(created.header("Location")).dropFirst("/system/console/configMgr/".count))
        let updated = try await harness.postForm(
            .aem, "/system/console/configMgr/" + pid,
            fields: [
                ("apply", "true"), ("propertylist", "name,auth.token.provider.client.id"),
                ("name", "target-prod"), ("auth.token.provider.client.id", "client-2"),
            ], headers: headers)
        #expect(updated.status == 302)
        let read = try await harness.postForm(.aem, "/system/console/configMgr/" + pid, fields: [], headers: headers)
        let properties = try #require(read.jsonObject?["properties"] as? [String: [String: Any]])
        #expect(properties["auth.token.provider.client.id"]?["value"] as? String == "client-2")
        #expect(properties["auth.token.provider.scope"]?["is_set"] as? Bool == false)
        #expect(properties["auth.token.provider.title"]?["is_set"] as? Bool == false)

        let deleted = try await harness.postForm(
            .aem, "/system/console/configMgr/" + pid, fields: [("apply", "true"), ("delete", "true")], headers: headers)
        #expect(deleted.status == 200)
        let gone = try await harness.postForm(.aem, "/system/console/configMgr/" + pid, fields: [], headers: headers)
        #expect(gone.status == 404)
        try await harness.stop()
    }

    @Test func secretsReadBackAsUnmodifiedAndSurviveAnUnmodifiedSave() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let created = try await harness.postForm(
            .aem, Self.create,
            fields: [
                ("apply", "true"),
                ("factoryPid", "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"),
                ("propertylist", "auth.ims.client.secret,customizer.type"),
                ("auth.ims.client.secret", "s3cr3t-value"), ("customizer.type", "target-prod"),
            ], headers: headers)
        let pid = String(try #require(created.header("Location")).dropFirst("/system/console/configMgr/".count))
        let read = try await harness.postForm(.aem, "/system/console/configMgr/" + pid, fields: [], headers: headers)
        #expect(!read.text.contains("s3cr3t-value"))
        let properties = try #require(read.jsonObject?["properties"] as? [String: [String: Any]])
        #expect(properties["auth.ims.client.secret"]?["value"] as? String == "unmodified")
        #expect(properties["auth.ims.client.secret"]?["type"] as? Int == 12)
        let saved = try await harness.postForm(
            .aem, "/system/console/configMgr/" + pid,
            fields: [
                ("apply", "true"), ("propertylist", "auth.ims.client.secret,customizer.type"),
                ("auth.ims.client.secret", "unmodified"), ("customizer.type", "target-prod"),
            ], headers: headers)
        #expect(saved.status == 302)
        let state = await harness.sandbox.store.snapshot()
        let files = state.aem.childPaths(of: "/apps/system/config")
        #expect(files.count == 1)
        if case .binary(let data)? = state.aem.node(at: files[0] + "/jcr:content")?.properties["jcr:data"] {
            #expect(String(decoding: data, as: UTF8.self).contains("s3cr3t-value"))
        } else {
            Issue.record("no .config file content")
        }
        try await harness.stop()
    }

    @Test func sp20RefusesANewJWTConfigurationButSP18CreatesIt() async throws {
        let jwtFields: [(String, String)] = [
            ("apply", "true"), ("factoryPid", Self.provider),
            ("propertylist", "name,auth.token.provider.client.id,auth.token.provider.keypair.alias"),
            ("name", "legacy"), ("auth.token.provider.client.id", "c"), ("auth.token.provider.keypair.alias", "a"),
        ]
        let sp20 = try await SandboxHarness.start()
        let refused = try await sp20.postForm(
            .aem, Self.create, fields: jwtFields, headers: try await sp20.aemMutatingHeaders())
        #expect(refused.status == 400)
        #expect(refused.text.contains("no longer creates JWT IMS configurations"))
        #expect(await sp20.sandbox.store.read { $0.aem.childPaths(of: "/apps/system/config").isEmpty })
        try await sp20.stop()

        let sp18 = try await SandboxHarness.start(SandboxConfiguration(aemServicePack: 18))
        let accepted = try await sp18.postForm(
            .aem, Self.create, fields: jwtFields, headers: try await sp18.aemMutatingHeaders())
        #expect(accepted.status == 302)
        try await sp18.stop()
    }

    @Test func felixConfigFormatRoundTrips() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        // Route C: write the .config file directly; configMgr reads it.
        let text =
            "auth.token.provider.client.id=\"abc\"\nauth.token.provider.default.claims=(\"\\\"iss\\\"\\ :\\ \\\"ORG@AdobeOrg\\\"\")\nauth.token.provider.conn.timeout=I\"30000\"\n"
        let upload = try await harness.postMultipart(
            .aem, "/apps/system/config",
            parts: [
                .file(Self.provider + "-routec.config", filename: Self.provider + "-routec.config", Data(text.utf8))
            ], headers: headers)
        #expect(upload.status == 200)
        let read = try await harness.postForm(
            .aem, "/system/console/configMgr/\(Self.provider).routec", fields: [], headers: headers)
        #expect(read.status == 200)
        let properties = try #require(read.jsonObject?["properties"] as? [String: [String: Any]])
        #expect(
            properties["auth.token.provider.default.claims"]?["values"] as? [String] == ["\"iss\" : \"ORG@AdobeOrg\""])
        #expect(properties["auth.token.provider.client.id"]?["value"] as? String == "abc")
        try await harness.stop()
    }
}
