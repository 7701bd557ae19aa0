import AemconfModel
import AemconfTestSupport
import Testing

/// Finding 10 of the security review: a config that points `aem.url`, an Adobe endpoint or an authorization
/// server at `http://` would send Basic auth, client secrets and tokens across the network in clear text.
@Suite struct CleartextURLAttackTests {
    func config(
        aem: String, ims: String = "https://ims-na1.adobelogin.com",
        authorization: String = "https://ims-na1.adobelogin.com"
    ) -> String {
        """
        version: 1
        aem:
          url: \(aem)
          username: admin
          password: ${env:AEM_PASSWORD}
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console:
            token: ${env:TOKEN}
            project: aem-target
          endpoints: {ims: "\(ims)"}
        ioIntegrations:
          target-prod:
            name: aem-target-prod
            productProfiles: [Default Workspace]
        imsConfigurations:
          target-prod:
            title: Adobe Target (prod)
            authorizationServer: \(authorization)
            integration: target-prod
        """
    }

    func errors(_ text: String) -> [Diagnostic] {
        ConfigFixture.decode([("aemconf.yaml", text)]).diagnostics.filter(\.isError)
    }

    @Test func plainHTTPToARemoteHostIsRefusedWithAPositionedReason() throws {
        let aem = errors(config(aem: "http://author.example.com:4502"))
        let diagnostic = try #require(aem.first)
        #expect(aem.count == 1)
        #expect(diagnostic.message.contains("clear text"))
        #expect(diagnostic.message.contains("use 'https://'"))
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.location.column == 8)
        #expect(errors(config(aem: "https://a.example", ims: "http://ims.example")).first?.location.line == 11)
        #expect(errors(config(aem: "https://a.example", authorization: "HTTP://ims.example")).count == 1)
        #expect(errors(config(aem: "https://a.example", authorization: "http://127.0.0.1.evil.example")).count == 1)
        #expect(errors(config(aem: "https://a.example", authorization: "http://localhost.evil.example")).count == 1)
    }

    @Test func loopbackHostsMayUsePlainHTTP() {
        for url in ["http://127.0.0.1:4502", "http://localhost:4502", "http://[::1]:4502", "http://127.1.2.3"] {
            #expect(errors(config(aem: url, ims: url, authorization: url)).isEmpty, "\(url)")
        }
        #expect(LoopbackHost.contains("LOCALHOST"))
        #expect(!LoopbackHost.contains("127.0.0.1.nip.io"))
        #expect(!LoopbackHost.contains("128.0.0.1"))
    }
}
