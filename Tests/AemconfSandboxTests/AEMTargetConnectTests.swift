import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// aem.md §5: "Connect to Target" really obtains an IMS token with the IMS configuration stored in AEM
/// and calls the sandbox Target with it.
@Suite struct AEMTargetCommandTests {
    static let provider = "com.adobe.granite.auth.oauth.accesstoken.provider"
    static let customizer = "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"
    static let create = "/system/console/configMgr/%5BTemporary%20PID%20replaced%20by%20real%20PID%20upon%20save%5D"
    static let targetScopes =
        "openid,AdobeID,target_sdk,additional_info.projectedProductContext,read_organizations,additional_info.roles"

    /// Creates one factory configuration through configMgr; returns its PID.
    @discardableResult
    static func configure(
        _ harness: SandboxHarness,
        headers: [String: String],
        factory: String,
        _ properties: [(String, [String])]
    ) async throws -> String {
        var fields: [(String, String)] = [
            ("apply", "true"), ("factoryPid", factory), ("propertylist", properties.map(\.0).joined(separator: ",")),
        ]
        for (name, values) in properties {
            for value in values { fields.append((name, value)) }
        }
        let response = try await harness.postForm(.aem, create, fields: fields, headers: headers)
        #expect(response.status == 302, "configMgr create of \(factory): \(response.status) \(response.text)")
        return String((response.header("Location") ?? "").dropFirst("/system/console/configMgr/".count))
    }

    static func connect(_ harness: SandboxHarness, headers: [String: String], _ fields: [(String, String)]) async throws
        -> [String: Any]
    {
        let response = try await harness.postForm(
            .aem, "/libs/cq/analytics/testandtarget/command", fields: [("cmd", "connect")] + fields, headers: headers)
        #expect(response.status == 200)
        return response.jsonObject ?? [:]
    }

    static func oauthProvider(clientID: String) -> [(String, [String])] {
        [
            ("name", ["target-prod"]), ("auth.token.provider.title", ["Adobe Target (prod)"]),
            ("auth.token.provider.endpoint", ["https://ims-na1.adobelogin.com"]),
            ("auth.token.provider.client.id", [clientID]), ("auth.token.provider.scope", [targetScopes]),
            ("auth.token.provider.authorization.grants", ["client_credentials"]),
            ("auth.token.provider.orgId", ["0123456789ABCDEF01234567@AdobeOrg"]),
            ("token.request.customizer.type", ["target-prod"]),
        ]
    }

    /// A Target-subscribed OAuth credential `aem-oauth` in the console, and the IMS configuration pair `target-prod`
    /// that uses it (the provider's properties default to ``oauthProvider(clientID:)``); returns the customizer's PID.
    @discardableResult
    static func installOAuthConfiguration(
        _ harness: SandboxHarness,
        headers: [String: String],
        secret: String = "s",
        provider: [(String, [String])] = oauthProvider(clientID: "aem-oauth")
    ) async throws -> String {
        await AEMTestFixtures.addTargetCredential(
            to: harness.sandbox, kind: .oauthServerToServer, clientID: "aem-oauth", secret: secret)
        try await configure(harness, headers: headers, factory: Self.provider, provider)
        return try await configure(
            harness, headers: headers, factory: customizer,
            [("auth.ims.client.secret", [secret]), ("customizer.type", ["target-prod"])])
    }

    @Test func oauthConfigurationConnectsAtSP20() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let customizerPid = try await Self.installOAuthConfiguration(harness, headers: headers, secret: "p8e-right")
        let tenant = try #require(harness.sandbox.credentials.targetTenant)
        let connected = try await Self.connect(
            harness, headers: headers, [("imsConfigId", "target-prod"), ("tenantId", tenant), ("clientcode", tenant)])
        #expect(connected["success"] as? Bool == true, "\(connected)")
        // IMS really issued a token with the stored secret.
        let ims = await harness.sandbox.store.read {
            $0.console.credentials.first { $0.clientID == "aem-oauth" }?.secrets.first?.lastUsedAt
        }
        #expect(ims != nil)

        // A wrong secret fails at IMS, as on a real instance.
        _ = try await harness.postForm(
            .aem, "/system/console/configMgr/" + customizerPid,
            fields: [
                ("apply", "true"), ("propertylist", "auth.ims.client.secret,customizer.type"),
                ("auth.ims.client.secret", "p8e-wrong"), ("customizer.type", "target-prod"),
            ], headers: headers)
        let refused = try await Self.connect(
            harness, headers: headers, [("imsConfigId", "target-prod"), ("tenantId", tenant)])
        let error = try #require(refused["error"] as? String)
        #expect(error.contains("invalid_client"))
        #expect(!error.contains("p8e-wrong"))
        try await harness.stop()
    }

    @Test func aScopeTheCredentialLacksFailsAtIMS() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        var properties = Self.oauthProvider(clientID: "aem-oauth")
        properties[4] = ("auth.token.provider.scope", ["openid,AdobeID,target_sdk,adobeio_api"])
        try await Self.installOAuthConfiguration(harness, headers: headers, provider: properties)
        let result = try await Self.connect(
            harness, headers: headers, [("imsConfigId", "target-prod"), ("tenantId", "wknd")])
        #expect((result["error"] as? String)?.contains("invalid_scope") == true)
        try await harness.stop()
    }

    @Test func anUnknownTenantFailsAtTarget() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        try await Self.installOAuthConfiguration(harness, headers: headers)
        let result = try await Self.connect(
            harness, headers: headers, [("imsConfigId", "target-prod"), ("tenantId", "nosuchtenant")])
        #expect((result["error"] as? String)?.contains("404") == true)
        try await harness.stop()
    }

    @Test func oauthIsNotUnderstoodBelowSP20WithoutTheHotfix() async throws {
        let harness = try await SandboxHarness.start(SandboxConfiguration(aemServicePack: 18))
        let headers = try await harness.aemMutatingHeaders()
        try await Self.installOAuthConfiguration(harness, headers: headers)
        let result = try await Self.connect(
            harness, headers: headers, [("imsConfigId", "target-prod"), ("tenantId", "wknd")])
        #expect((result["error"] as? String)?.contains("no certificate alias") == true)
        try await harness.stop()

        let hotfixed = try await SandboxHarness.start(SandboxConfiguration(aemServicePack: 18, aemIMSHotfix: true))
        let hotfixHeaders = try await hotfixed.aemMutatingHeaders()
        try await Self.installOAuthConfiguration(hotfixed, headers: hotfixHeaders)
        let ok = try await Self.connect(
            hotfixed, headers: hotfixHeaders, [("imsConfigId", "target-prod"), ("tenantId", "wknd")])
        #expect(ok["success"] as? Bool == true, "\(ok)")
        try await hotfixed.stop()
    }

    @Test func jwtConfigurationSignsWithTheKeystoreKeyAtSP18() async throws {
        let harness = try await SandboxHarness.start(SandboxConfiguration(aemServicePack: 18))
        let start = try #require(ISO8601DateFormatter().date(from: "2025-01-15T10:00:00Z"))
        await harness.sandbox.store.setClock(start)
        let headers = try await harness.aemMutatingHeaders()
        let pair = try AEMTestFixtures.keyPair(commonName: "aem-jwt", now: start)
        let keystore = "/home/users/system/authentication-service.ks.html"
        _ = try await harness.postForm(
            .aem, keystore, fields: [(":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "pw")],
            headers: headers)
        let added = try await harness.postMultipart(
            .aem, keystore,
            parts: [
                .field("alias", "target-jwt"), .file("pk", filename: "k.der", pair.privateKeyDER),
                .file("cert-chain", filename: "c.crt", pair.certificateDER),
            ], headers: headers)
        #expect(added.status == 200)
        let credential = await AEMTestFixtures.addTargetCredential(
            to: harness.sandbox, kind: .jwt, clientID: "aem-jwt", secret: "jwt-secret",
            certificateDER: pair.certificateDER
        )
        let org = try #require(harness.sandbox.credentials.imsOrgId)
        func provider(alias: String, metascope: String) -> [(String, [String])] {
            [
                ("name", ["target-jwt"]), ("auth.token.provider.endpoint", ["https://ims-na1.adobelogin.com"]),
                ("auth.token.provider.client.id", ["aem-jwt"]), ("auth.token.provider.keypair.alias", [alias]),
                (
                    "auth.token.provider.default.claims",
                    [
                        "\"iss\": \"\(org)\"", "\"sub\": \"\(credential.technicalAccountID)\"",
                        "\"aud\": \"https://ims-na1.adobelogin.com/c/aem-jwt\"",
                        "\"https://ims-na1.adobelogin.com/s/\(metascope)\": true",
                    ]
                ),
                ("token.request.customizer.type", ["target-jwt"]),
            ]
        }
        let providerPid = try await Self.configure(
            harness, headers: headers, factory: Self.provider,
            provider(alias: "target-jwt", metascope: "ent_marketing_sdk"))
        try await Self.configure(
            harness, headers: headers, factory: Self.customizer,
            [
                ("auth.ims.client.secret", ["jwt-secret"]), ("customizer.type", ["target-jwt"]),
            ])
        let ok = try await Self.connect(
            harness, headers: headers, [("imsConfigId", providerPid), ("tenantId", "wknd")])
        #expect(ok["success"] as? Bool == true, "\(ok)")

        // A wrong alias, then a metascope the binding lacks, both fail.
        var fields: [(String, String)] = [("apply", "true")]
        let wrongAlias = provider(alias: "other", metascope: "ent_marketing_sdk")
        fields.append(("propertylist", wrongAlias.map(\.0).joined(separator: ",")))
        for (name, values) in wrongAlias { for value in values { fields.append((name, value)) } }
        _ = try await harness.postForm(
            .aem, "/system/console/configMgr/" + providerPid, fields: fields, headers: headers)
        let noAlias = try await Self.connect(
            harness, headers: headers, [("imsConfigId", providerPid), ("tenantId", "wknd")])
        #expect((noAlias["error"] as? String)?.contains("alias 'other' not found") == true)

        fields = [("apply", "true")]
        let wrongScope = provider(alias: "target-jwt", metascope: "ent_adobeio_sdk")
        fields.append(("propertylist", wrongScope.map(\.0).joined(separator: ",")))
        for (name, values) in wrongScope { for value in values { fields.append((name, value)) } }
        _ = try await harness.postForm(
            .aem, "/system/console/configMgr/" + providerPid, fields: fields, headers: headers)
        let badScope = try await Self.connect(
            harness, headers: headers, [("imsConfigId", providerPid), ("tenantId", "wknd")])
        #expect((badScope["error"] as? String)?.contains("invalid_scope") == true)
        try await harness.stop()
    }

    @Test func theCloudServicePageSuppliesTheConnectFields() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        try await Self.installOAuthConfiguration(harness, headers: headers)
        _ = try await harness.postForm(
            .aem, "/bin/wcmcommand",
            fields: [
                ("cmd", "createPage"), ("parentPath", "/etc/cloudservices/testandtarget"), ("label", "wknd"),
                ("title", "WKND"), ("template", "/libs/cq/analytics/templates/testandtarget"),
            ], headers: headers)
        _ = try await harness.postForm(
            .aem, "/etc/cloudservices/testandtarget/wknd/jcr:content",
            fields: [
                ("./clientcode", "wknd"), ("./tenantId", "wknd"), ("./imsConfigId", "target-prod"),
            ], headers: headers)
        let ok = try await Self.connect(harness, headers: headers, [("path", "/etc/cloudservices/testandtarget/wknd")])
        #expect(ok["success"] as? Bool == true, "\(ok)")
        let missing = try await Self.connect(harness, headers: headers, [("clientcode", "wknd")])
        #expect(missing["error"] is String)
        try await harness.stop()
    }
}
