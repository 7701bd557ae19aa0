import AemconfModel
import Foundation
import Testing

@testable import AemconfProviders

@Suite struct AEMClientSandboxTests {
    @Test func slingPostWritesTypedPropertiesAndReadsThemBackWithOneCSRFToken() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            let path = "/content/aemconf-test/typed"
            try await aem.setProperties(
                path,
                properties: [
                    SlingProperty("title", .string("Hello")),
                    SlingProperty("enabled", .bool(true)),
                    SlingProperty("count", .long(42)),
                    SlingProperty("tags", .strings(["a", "b"])),
                ],
                primaryType: "nt:unstructured",
                step: "writing test node"
            )
            try await aem.setProperties(
                path, properties: [SlingProperty("title", .string("Again"))], step: "writing test node")
            let node = try #require(try await aem.readJSON(path))
            #expect(node["title"]?.stringValue == "Again")
            #expect(node["enabled"] == .bool(true))
            #expect(node["count"] == .number(42))
            #expect(node["tags"] == .array([.string("a"), .string("b")]))
            #expect(await aem.csrfTokensFetched == 1)

            try await aem.setProperties(path, properties: [SlingProperty("title", .delete)], step: "removing title")
            #expect(try await aem.readJSON(path)?["title"] == nil)
            try await aem.deleteNode(path, step: "deleting test node")
            #expect(try await aem.readJSON(path) == nil)
        }
    }

    @Test func aRejectedCSRFTokenIsFetchedAgainAndTheWriteSucceeds() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            await aem.session.setCSRFToken(Secret("stale-token-value"))
            try await aem.setProperties(
                "/content/aemconf-test/csrf", properties: [SlingProperty("x", .string("1"))],
                primaryType: "nt:unstructured", step: "writing")
            #expect(try await aem.readJSON("/content/aemconf-test/csrf")?["x"]?.stringValue == "1")
            let posts = try await fixture.requestLog(service: "aem").filter {
                $0.method == "POST" && $0.path == "/content/aemconf-test/csrf"
            }
            #expect(posts.map(\.status).first == 403)
            #expect(posts.count == 2)
        }
    }

    @Test func loginTokenFlowAuthenticatesLaterRequests() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem(loginMode: .loginToken)
            try await aem.login()
            try await aem.setProperties(
                "/content/aemconf-test/login", properties: [SlingProperty("x", .string("y"))],
                primaryType: "nt:unstructured", step: "writing")
            #expect(try await aem.readJSON("/content/aemconf-test/login")?["x"]?.stringValue == "y")
        }
    }

    @Test func aWrongPasswordIsReportedWithoutThePassword() async throws {
        try await SandboxFixture.with { fixture in
            let canary = "CANARY-aem-pass-91"
            let aem = fixture.aem(password: canary)
            let error = await #expect(throws: ServiceError.self) { _ = try await aem.readJSON("/content") }
            #expect(error?.code == .unauthorized)
            let message = try #require(error).description
            #expect(message.contains("AEM GET /content.json returned 401"))
            #expect(!message.contains(canary))
            for line in fixture.logs.all { #expect(!line.contains(canary)) }
        }
    }

    @Test func productInfoGivesTheServicePack() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            let info = try await aem.discoverProductInfo()
            #expect(info.servicePack == 20)
            #expect(try await aem.prefersOAuthServerToServer())
            _ = try await aem.discoverProductInfo()
            let reads = try await fixture.requestLog(service: "aem").filter {
                $0.path == "/system/console/status-productinfo.json"
            }
            #expect(reads.count == 1)
        }
    }

    @Test func keystoreEntryIsAddedListedAndRemoved() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            let userPath = try await aem.discoverKeystoreUserPath()
            #expect(userPath.hasSuffix("authentication-service"))
            if !(try await aem.keystore(userPath: userPath)).exists {
                try await aem.createKeystore(userPath: userPath, password: Secret("keystore-pass-1"))
            }
            #expect(try await aem.keystore(userPath: userPath).exists)
            let key = try RSAKeyPair.generate()
            let certificate = try SelfSignedCertificate.make(
                key: key, subject: .init(commonName: "aemconf-test"), validityDays: 365, now: Date())
            try await aem.addKeystoreEntry(
                userPath: userPath, alias: "aemconf-test", key: key, certificate: certificate)
            let info = try await aem.keystore(userPath: userPath)
            let entry = try #require(info.aliases.first { $0.alias == "aemconf-test" })
            #expect(entry.chain?.first?.subject?.contains("aemconf-test") == true)
            try await aem.removeKeystoreAlias(userPath: userPath, alias: "aemconf-test")
            #expect(try await !aem.keystore(userPath: userPath).contains(alias: "aemconf-test"))
        }
    }

    @Test(arguments: [false, true])
    func imsConfigurationPairIsCreatedReadUpdatedAndDeleted(jwt: Bool) async throws {
        // JWT configurations belong to instances before SP20 (aem.md §2.1).
        try await SandboxFixture.with(configuration: .init(aemServicePack: jwt ? 19 : 20)) { fixture in
            let aem = fixture.aem()
            let canary = "CANARY-ims-secret-\(jwt)"
            let authentication: AEMIMSConfiguration.Authentication =
                jwt
                ? .jwt(
                    keypairAlias: "aemconf-jwt", technicalAccountID: "TA@techacct.adobe.com",
                    metascopes: ["ent_marketing_sdk"])
                : .oauthServerToServer(scopes: ServiceAssumptions.targetOAuthScopes)
            var configuration = AEMIMSConfiguration(
                name: "aemconf-test-\(jwt ? "jwt" : "oauth")", title: "Adobe Target (test)",
                authorizationServer: "https://ims-na1.adobelogin.com",
                clientID: "client-1", clientSecret: Secret(canary), organizationID: "ORG@AdobeOrg",
                authentication: authentication
            )
            let ids = try await aem.createIMSConfiguration(configuration)
            #expect(ids.providerPID.hasPrefix(ServiceAssumptions.accessTokenProviderFactoryPID + "."))
            #expect(ids.customizerPID.hasPrefix(ServiceAssumptions.requestCustomizerFactoryPID + "."))

            let found = try #require(try await aem.findIMSConfiguration(name: configuration.name))
            #expect(found.ids == ids)
            #expect(found.provider.value("auth.token.provider.title") == "Adobe Target (test)")
            #expect(found.provider.value("auth.token.provider.client.id") == "client-1")
            if jwt {
                #expect(found.provider.value("auth.token.provider.keypair.alias") == "aemconf-jwt")
            } else {
                #expect(found.provider.value("auth.token.provider.authorization.grants") == "client_credentials")
            }
            // Felix masks password properties as 'unmodified'; either way the secret is set and never printed.
            let customizer = try #require(found.customizer)
            #expect(customizer.hasSecret(AEMIMSConfiguration.clientSecretProperty))
            if let secret = customizer.secrets[AEMIMSConfiguration.clientSecretProperty] {
                #expect(secret.revealed == canary)
            }
            #expect(!"\(found.provider) \(String(describing: found.customizer))".contains(canary))

            configuration.title = "Adobe Target (renamed)"
            try await aem.updateIMSConfiguration(ids, to: configuration)
            #expect(
                try await aem.readConfiguration(pid: ids.providerPID)?.value("auth.token.provider.title")
                    == "Adobe Target (renamed)")

            try await aem.deleteIMSConfiguration(ids, name: configuration.name)
            #expect(try await aem.findIMSConfiguration(name: configuration.name) == nil)
            for line in fixture.logs.all { #expect(!line.contains(canary)) }
        }
    }

    @Test func targetCloudServicePageIsCreatedConfiguredReadConnectedAndDeleted() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            try await aem.createTargetCloudService(name: "aemconf-test", title: "AEMconf Test")
            let page = try #require(
                try await aem.readJSON(AEMClient.targetCloudServicePath("aemconf-test") + "/jcr:content"))
            #expect(page["jcr:title"]?.stringValue == "AEMconf Test")
            try await aem.setTargetCloudServiceProperties(
                name: "aemconf-test",
                values: [
                    .clientCode: .string("wkndclient"), .tenantID: .string("wknd"), .accurateTargeting: .bool(true),
                    .segmentSync: .bool(false),
                ]
            )
            let fields = try #require(try await aem.readTargetCloudServiceFields(name: "aemconf-test"))
            #expect(fields[.clientCode]?.stringValue == "wkndclient")
            #expect(fields[.tenantID]?.stringValue == "wknd")
            #expect(fields[.accurateTargeting]?.boolValue == true)
            #expect(fields[.segmentSync]?.boolValue == false)

            let result = try await aem.connectTarget(
                clientCode: "wkndclient", tenantID: "wknd", imsConfigurationID: nil)
            #expect(!result.success)
            #expect(result.message == "an IMS configuration is required to connect to Adobe Target")

            try await aem.deleteTargetCloudService(name: "aemconf-test")
            #expect(try await aem.readTargetCloudService(name: "aemconf-test") == nil)
        }
    }

    @Test func jwtConfigurationRefusedOnSP20IsReportedWithAEMsMessage() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            let configuration = AEMIMSConfiguration(
                name: "aemconf-sp20-jwt", title: "t", authorizationServer: "https://ims-na1.adobelogin.com",
                clientID: "c",
                clientSecret: Secret("CANARY-sp20-secret"), organizationID: "ORG@AdobeOrg",
                authentication: .jwt(
                    keypairAlias: "a", technicalAccountID: "TA@techacct.adobe.com", metascopes: ["ent_marketing_sdk"])
            )
            let error = await #expect(throws: ServiceError.self) {
                _ = try await aem.createIMSConfiguration(configuration)
            }
            let message = try #require(error).description
            #expect(
                message.hasPrefix("creating IMS configuration 'aemconf-sp20-jwt': AEM POST /system/console/configMgr/"))
            #expect(message.contains("returned 400"))
            #expect(!message.contains("CANARY"))
        }
    }

    @Test func aPageCreateThatFailedAmbiguouslyIsReadBackNotResent() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            _ = try await aem.csrfToken()
            try await fixture.setFaults(
                #"{"seed": 7, "services": {"aem": {"errorRate": 1.0, "errorStatuses": [503]}}}"#)
            let create = Task {
                try await aem.createPage(
                    parentPath: "/content", label: "aemconf-ambiguous", title: "A",
                    template: ServiceAssumptions.targetCloudServiceTemplate)
            }
            let error = await #expect(throws: ServiceError.self) { try await create.value }
            #expect(error?.code == .unavailable)
            try await fixture.clearFaults()
            let posts = try await fixture.requestLog(service: "aem").filter {
                $0.method == "POST" && $0.path == "/bin/wcmcommand"
            }
            let reads = try await fixture.requestLog(service: "aem").filter {
                $0.method == "GET" && $0.path.hasPrefix("/content/aemconf-ambiguous")
            }
            // The read-back failed too, so whether the page exists is unknown: the POST was not sent again.
            #expect(posts.count == 1)
            #expect(!reads.isEmpty)
        }
    }
}
