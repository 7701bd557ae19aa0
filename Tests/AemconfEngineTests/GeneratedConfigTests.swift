import AemconfModel
@testable import AemconfResources
import Foundation
import Testing

/// `aemconf import --generate-config`'s writer: what it writes loads as a valid config holding exactly the
/// discovered values, whatever characters they hold, with secrets only as named placeholders.
@Suite struct GeneratedConfigTests {
    static let connection = """
        version: 1
        aem: { url: "https://author.example.com:4502", username: admin, password: "${env:AEM_PASSWORD}" }
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console: { token: "${env:ADOBE_CONSOLE_TOKEN}", project: aem-target }

        """

    private func discovered(title: String) -> DiscoveredConfig {
        var discovered = DiscoveredConfig()
        discovered.imsConfigurations = [
            DiscoveredConfig.IMSConfiguration(
                name: "team-ims", pid: "com.adobe.granite.auth.oauth.accesstoken.provider.1", title: title,
                authorizationServer: "https://ims-na1.adobelogin.com", clientID: "abc",
                scopes: ["openid", "target_sdk"],
                integration: nil
            )
        ]
        discovered.cloudServices = [
            DiscoveredConfig.CloudService(
                name: "wknd", pageName: "wknd",
                attributes: [
                    "title": .string(title), "clientCode": .string("wknd"), "tenantId": .string("wknd-tenant"),
                    "accurateTargeting": .bool(true), "segmentSync": .bool(true), "tagManagement": .string("other"),
                ],
                imsConfiguration: "team-ims"
            )
        ]
        return discovered
    }

    private func load(_ generated: GeneratedConfig) throws -> ConfigLoadResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aemconf-generated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.connection.write(
            to: folder.appendingPathComponent("00-connection.yaml"), atomically: true, encoding: .utf8)
        try generated.resourcesText.write(
            to: folder.appendingPathComponent("imported.yaml"), atomically: true, encoding: .utf8)
        return ConfigLoader.load(path: folder.path)
    }

    @Test(arguments: [
        "Plain title", "quote \" and colon: # not a comment", "yes", "null", "123", "{[&*!|>'%@`", "ümlaut ☃",
    ])
    func valuesRoundTripWhateverTheyHold(title: String) throws {
        let generated = GeneratedConfig.render(discovered(title: title), connection: nil)
        let result = try load(generated)
        #expect(!result.hasErrors, "\(result.diagnostics)\n\(generated.resourcesText)")
        let config = try #require(result.config)
        #expect(config.imsConfigurations.first?.title == title)
        #expect(config.targetCloudServices.first?.title == title)
    }

    @Test func secretsArePlaceholdersItNames() throws {
        let generated = GeneratedConfig.render(discovered(title: "T"), connection: nil)
        #expect(generated.environment == ["IMS_TEAM_IMS_CLIENT_SECRET"])
        let config = try #require(try load(generated).config)
        let ims = try #require(config.imsConfigurations.first)
        #expect(ims.clientSecret?.description == "${env:IMS_TEAM_IMS_CLIENT_SECRET}")
        #expect(ims.clientId == "abc")
        let service = try #require(config.targetCloudServices.first)
        #expect(service.tenantId == "wknd-tenant")
        #expect(service.segmentSync?.mode == .aem)
        #expect(service.tagManagement == .other)
        #expect(
            generated.imports.map(\.address.description) == ["imsConfigurations.team-ims", "targetCloudServices.wknd"])
        #expect(generated.imports.last?.id == "/etc/cloudservices/testandtarget/wknd")
    }

    @Test func namesAreValidAndNeverTaken() {
        var names = ResourceNames(taken: ["wknd"])
        #expect(names.unique("WKND", kind: .targetCloudService) == "wknd-2")
        #expect(names.unique("wknd", kind: .targetCloudService) == "wknd-3")
        #expect(names.unique("  Aem Target (Prod)! ", kind: .ioIntegration) == "aem-target-prod")
        #expect(names.unique("☃☃", kind: .imsConfiguration) == "imsconfigurations")
        #expect(names.unique(String(repeating: "a", count: 80), kind: .ioIntegration).count == 60)
    }
}
