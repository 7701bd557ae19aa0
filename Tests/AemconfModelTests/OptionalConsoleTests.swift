import AemconfModel
import AemconfTestSupport
import Testing

/// `adobe.console` is needed only by `ioIntegrations`: a config whose IMS configurations use an OAuth credential
/// managed elsewhere (`clientId` + `clientSecret`) validates without it.
@Suite struct OptionalConsoleTests {
    static let externalCredentialOnly = """
        version: 1
        aem:
          url: https://author.wknd.example.com:4502
          username: admin
          password: ${env:AEM_PASSWORD}
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
        imsConfigurations:
          target-prod:
            title: Adobe Target (prod)
            clientId: 0123456789abcdef0123456789abcdef
            clientSecret: ${env:TARGET_CLIENT_SECRET}
        targetCloudServices:
          wknd:
            title: WKND Target
            clientCode: wkndclient
            imsConfiguration: target-prod
        """

    @Test func aConfigWithoutIntegrationsNeedsNoConsole() throws {
        let result = ConfigFixture.decode([("aemconf.yaml", Self.externalCredentialOnly)])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let config = try #require(result.config)
        #expect(config.adobe.console == nil)
        #expect(config.secretReferences.map(\.description) == ["${env:AEM_PASSWORD}", "${env:TARGET_CLIENT_SECRET}"])
    }

    @Test func anIntegrationWithoutAConsoleIsAnErrorAtTheIntegration() throws {
        let text =
            Self.externalCredentialOnly + """

                ioIntegrations:
                  target-stage:
                    name: aem-target-stage
                """
        let result = ConfigFixture.decode([("aemconf.yaml", text)])
        let error = try #require(result.diagnostics.first { $0.message.contains("needs the Developer Console") })
        #expect(error.message.contains("'target-stage'"))
        #expect(error.location.line >= 19, "placed in the ioIntegrations block, not at the top")
        #expect(result.config == nil)
    }
}
