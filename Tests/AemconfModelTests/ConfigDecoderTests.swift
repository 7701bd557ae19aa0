import AemconfModel
import AemconfTestSupport
import Testing

@Suite struct ConfigDecoderTests {
    static let quickstart = """
        version: 1
        aem:
          url: https://author.wknd.example.com:4502/
          username: admin
          password: ${env:AEM_PASSWORD}
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console:
            token: ${file:secrets/console-token}
            project: aem-target
        ioIntegrations:
          target-prod:
            name: aem-target-prod
            description: AEM author -> Adobe Target (prod)
            productProfiles: [Default Workspace, Marketing]
        imsConfigurations:
          target-prod:
            title: Adobe Target (prod)
            integration: target-prod
        targetCloudServices:
          wknd:
            title: WKND Target
            clientCode: wkndclient
            imsConfiguration: target-prod
            accurateTargeting: false
            customAtJs: files/at.js
            segmentSync: {mode: aemconf, workspaces: [Default Workspace], prune: true, maxDeletes: 10}
        """

    @Test func decodesEveryFieldOfAValidConfig() throws {
        let result = ConfigFixture.decode([("conf/aemconf.yaml", Self.quickstart)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let config = try #require(result.config)
        #expect(config.aem.url == "https://author.wknd.example.com:4502")
        #expect(config.aem.password.source == .environment("AEM_PASSWORD"))
        #expect(config.adobe.console?.token.source == .file("conf/secrets/console-token"))
        #expect(config.adobe.console?.workspace ?? "Production" == "Production")
        #expect(config.adobe.endpoints == AdobeEndpoints())
        let integration = try #require(config.ioIntegration(named: "target-prod"))
        #expect(integration.integrationName == "aem-target-prod")
        #expect(integration.credential == .oauthServerToServer)
        #expect(integration.productProfiles == ["Default Workspace", "Marketing"])
        #expect(integration.location == SourceLocation(file: "conf/aemconf.yaml", line: 12, column: 3))
        let ims = try #require(config.imsConfiguration(named: "target-prod"))
        #expect(ims.integration?.address == ResourceAddress(kind: .ioIntegration, name: "target-prod"))
        #expect(ims.authorizationServer == nil)
        let service = try #require(config.targetCloudService(named: "wknd"))
        #expect(service.accurateTargeting == false)
        #expect(service.effectivePageName == "wknd-target")
        #expect(service.effectiveTenantId == "wkndclient")
        #expect(service.template == TargetCloudService.defaultTemplate)
        #expect(service.customAtJs == "conf/files/at.js")
        #expect(
            service.segmentSync
                == SegmentSync(mode: .aemconf, workspaces: ["Default Workspace"], prune: true, maxDeletes: 10))
        #expect(config.dependencies[service.address]?.map(\.address) == [ims.address])
        #expect(config.resourceAddresses.count == 3)
    }

    @Test func reportsEveryProblemNotOnlyTheFirst() {
        let result = ConfigFixture.decode(
            """
            version: 1
            targetCloudServices:
              wknd:
                title: WKND
                clinetCode: wkndclient
                imsConfiguration: nope
                apiType: soap
                accurateTargeting: "yes"
            """
        )
        #expect(result.config == nil)
        let codes = Set(result.diagnostics.filter(\.isError).map(\.code))
        #expect(codes == [.unknownKey, .missingKey, .danglingReference, .invalidValue, .wrongType])
    }

    @Test func literalSecretIsNeverPrintedAndIsMasked() throws {
        let fixture = MarkedText(
            """
            version: 1
            aem:
              url: https://author.example.com
              username: admin
              password: 1️⃣hunter2-very-secret
            adobe:
              imsOrg: 0123456789ABCDEF01234567@AdobeOrg
              console: {token: 2️⃣"tok-3n-value", project: aem-target}
            """
        )
        let result = ConfigFixture.decode(fixture.text, withConnections: false)
        let secrets = result.diagnostics.filter { $0.code == .literalSecret }
        #expect(
            secrets.map(\.location) == [
                try #require(fixture.location(of: "1️⃣")).source(),
                try #require(fixture.location(of: "2️⃣")).source(),
            ])
        #expect(secrets.first?.message.contains("${env:AEM_PASSWORD}") == true)
        #expect(secrets.last?.message.contains("${env:ADOBE_CONSOLE_TOKEN}") == true)
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.message.contains("hunter2"))
            #expect(!diagnostic.message.contains("tok-3n"))
        }
        let password = try #require(result.sensitiveRanges.first)
        #expect(password.start == SourceLocation(file: ConfigFixture.file, line: 5, column: 13))
        #expect(password.end == SourceLocation(file: ConfigFixture.file, line: 5, column: 32))
    }

    @Test func misspeltSecretKeyValueIsMasked() {
        let result = ConfigFixture.decode(
            """
            version: 1
            aem: {url: "https://a.example.com", username: admin, passwrd: hunter2, password: "${env:P}"}
            adobe:
              imsOrg: 0123456789ABCDEF01234567@AdobeOrg
              console: {token: "${env:T}", project: aem-target}
            """,
            withConnections: false
        )
        #expect(result.diagnostics.map(\.code) == [.unknownKey])
        #expect(result.diagnostics.first?.message.contains("did you mean 'password'?") == true)
        #expect(result.sensitiveRanges.map(\.start.column) == [63])
    }

    @Test func warningsDoNotBlockTheConfig() throws {
        let result = ConfigFixture.decode(
            """
            version: 1
            ioIntegrations:
              legacy:
                name: legacy integration
                credential: jwt
                certificate: {alias: legacy}
            imsConfigurations:
              legacy: {title: Legacy, integration: legacy}
            targetCloudServices:
              wknd: {title: WKND, clientCode: wknd, imsConfiguration: legacy, clientLibrary: mbox.js}
            """
        )
        #expect(!result.hasErrors)
        #expect(result.warningCount == 3)
        #expect(Set(result.diagnostics.map(\.code)) == [.deprecated, .missingKey])
        #expect(result.config?.ioIntegrations.first?.certificate == CertificateSpec(alias: "legacy"))
    }

    @Test func externalCredentialNeedsBothIdAndSecret() {
        let result = ConfigFixture.decode(
            """
            version: 1
            imsConfigurations:
              a: {title: A, clientId: abc, clientSecret: "${env:A_SECRET}", scopes: [openid]}
              b: {title: B, clientId: abc}
              c: {title: C}
            """
        )
        #expect(result.diagnostics.map(\.code) == [.missingKey, .missingKey])
        #expect(result.config == nil)
    }

    @Test func resourcesSpreadOverFilesMerge() throws {
        let result = ConfigFixture.decode([
            ("a.yaml", ConfigFixture.connections),
            ("b.yaml", "version: 1\nioIntegrations: {prod: {name: aem-target-prod}}"),
            ("c.yaml", "version: 1\nimsConfigurations: {prod: {title: Prod, integration: prod}}"),
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.config?.files == ["a.yaml", "b.yaml", "c.yaml"])
        #expect(
            result.config?.imsConfigurations.first?.integration?.location
                == SourceLocation(file: "c.yaml", line: 2, column: 54))
    }

    @Test func missingConnectionBlocksAreReported() {
        let result = ConfigFixture.decode([("only.yaml", "version: 1\n")])
        #expect(
            result.diagnostics.map(\.message) == [
                "missing required key 'aem' at the top level; add an 'aem:' block to one of the config files",
                "missing required key 'adobe' at the top level; add an 'adobe:' block to one of the config files",
            ])
    }

    @Test func emptyFileIsAnError() {
        let result = ConfigFixture.decode([("empty.yaml", "# only a comment\n")])
        #expect(result.diagnostics.first?.code == .missingKey)
        #expect(result.diagnostics.first?.location == SourceLocation(file: "empty.yaml", line: 1, column: 1))
    }
}
