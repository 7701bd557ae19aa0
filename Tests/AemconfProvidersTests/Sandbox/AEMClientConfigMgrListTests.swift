import AemconfModel
import AemconfSandbox
import Foundation
import Testing

@testable import AemconfProviders

/// `AEMClient.readConfigurations(factoryPIDs:)` against the sandbox: one request for every instance of the
/// factories, `nil` (asked once per run) when the console does not serve the JSON listing, and errors that name
/// step, service, method, path and status without the query string.
@Suite struct AEMClientConfigMgrListTests {
    static func configuration(_ name: String) -> AEMIMSConfiguration {
        AEMIMSConfiguration(
            name: name, title: "Adobe Target (\(name))", authorizationServer: "https://ims-na1.adobelogin.com",
            clientID: "client-\(name)", clientSecret: Secret("CANARY-\(name)"), organizationID: "ORG@AdobeOrg",
            authentication: .oauthServerToServer(scopes: ServiceAssumptions.targetOAuthScopes)
        )
    }

    @Test func oneRequestReadsEveryInstanceOfTheFactories() async throws {
        try await SandboxFixture.with { fixture in
            let aem = fixture.aem()
            let prod = try await aem.createIMSConfiguration(Self.configuration("prod"))
            let stage = try await aem.createIMSConfiguration(Self.configuration("stage"))
            let before = try await fixture.requestLog(service: "aem").count

            let read = try #require(
                try await aem.readConfigurations(factoryPIDs: [
                    ServiceAssumptions.accessTokenProviderFactoryPID, ServiceAssumptions.requestCustomizerFactoryPID,
                ]))
            let log = try await fixture.requestLog(service: "aem").dropFirst(before)
            #expect(log.map { "\($0.method) \($0.path)" } == ["GET /system/console/configMgr/*.json"])
            let providers = read[ServiceAssumptions.accessTokenProviderFactoryPID] ?? []
            #expect(providers.map(\.pid) == [prod.providerPID, stage.providerPID].sorted())
            #expect(
                providers.first { $0.pid == prod.providerPID }?.value("auth.token.provider.client.id") == "client-prod")
            let customizers = read[ServiceAssumptions.requestCustomizerFactoryPID] ?? []
            #expect(Set(customizers.map(\.pid)) == [prod.customizerPID, stage.customizerPID])
            #expect(customizers.allSatisfy { $0.hasSecret(AEMIMSConfiguration.clientSecretProperty) })

            let set = try #require(try await aem.imsConfigurationSet())
            #expect(set.pair(named: "stage")?.ids == stage)
            #expect(set.pair(providerPID: prod.providerPID)?.customizer?.pid == prod.customizerPID)
            #expect(try await aem.findIMSConfiguration(name: "prod")?.ids == prod)
            for line in fixture.logs.all { #expect(!line.contains("CANARY")) }
        }
    }

    @Test func aConsoleWithoutTheListingAnswersNilAndIsAskedOncePerRun() async throws {
        let configuration = SandboxConfiguration(
            aemServicePack: 20, settings: SandboxSettings(aemConfigManagerJSONList: false))
        try await SandboxFixture.with(configuration: configuration) { fixture in
            let aem = fixture.aem()
            let prod = try await aem.createIMSConfiguration(Self.configuration("prod"))
            #expect(
                try await aem.readConfigurations(factoryPIDs: [ServiceAssumptions.accessTokenProviderFactoryPID]) == nil
            )
            #expect(try await aem.imsConfigurationSet() == nil)
            // The lookups fall back to the listing and one read per PID.
            #expect(try await aem.findIMSConfiguration(name: "prod")?.ids == prod)
            let lists = try await fixture.requestLog(service: "aem").filter {
                $0.method == "GET" && $0.path.hasPrefix("/system/console/configMgr/")
            }
            #expect(lists.map(\.status) == [404])
        }
    }

    @Test func aRefusedListingNamesStepServiceMethodPathAndStatus() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.store.mutate {
                $0.aem.addUser(AEMUser(id: "author", password: "author", path: "/home/users/a/author", isAdmin: false))
            }
            let author = AEMClient(
                baseURL: fixture.endpoints.aem, username: "author", password: Secret("author"),
                environment: fixture.environment)
            let error = await #expect(throws: ServiceError.self) {
                try await author.readConfigurations(factoryPIDs: [ServiceAssumptions.accessTokenProviderFactoryPID])
            }
            #expect(error?.code == .forbidden)
            let message = error.map(String.init(describing:)) ?? ""
            #expect(
                message.hasPrefix(
                    "reading the configurations of '\(ServiceAssumptions.accessTokenProviderFactoryPID)': "
                        + "AEM GET /system/console/configMgr/*.json returned 403"), "\(message)")
            #expect(!message.contains("pidFilter"))
        }
    }
}
