import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// `GET /system/console/configMgr/<x>.json` as Felix's `ConfigManager.doGet` answers it: a JSON array of
/// configurations printed like the single read, selected by the path segment or `pidFilter` as an OSGi filter.
@Suite struct AEMConfigManagerListTests {
    static let provider = AEMConfigManagerTests.provider
    static let customizer = "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"
    static let list = "/system/console/configMgr/*.json"

    /// A sandbox holding two providers (`target-prod`, `target-stage`), one customizer with a secret and a
    /// singleton configuration; answers the created PIDs.
    static func seeded() async throws -> (SandboxHarness, providers: [String], customizer: String) {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        func create(_ fields: [(String, String)]) async throws -> String {
            let created = try await harness.postForm(
                .aem, AEMConfigManagerTests.create, fields: fields, headers: headers)
            return String(try #require(created.header("Location")).dropFirst("/system/console/configMgr/".count))
        }
        var providers: [String] = []
        for name in ["target-prod", "target-stage"] {
            providers.append(
                try await create(
                    AEMConfigManagerTests.oauthFields().map { $0.0 == "name" ? ($0.0, name) : $0 }))
        }
        let customizer = try await create([
            ("apply", "true"), ("factoryPid", Self.customizer),
            ("propertylist", "auth.ims.client.secret,customizer.type"),
            ("auth.ims.client.secret", "CANARY-list-secret"), ("customizer.type", "target-prod"),
        ])
        let singleton = try await harness.postForm(
            .aem, "/system/console/configMgr/org.apache.sling.example.Singleton",
            fields: [("apply", "true"), ("propertylist", "enabled"), ("enabled", "true")], headers: headers)
        #expect(singleton.status == 302)
        return (harness, providers, customizer)
    }

    static func get(_ harness: SandboxHarness, _ pathAndQuery: String) async throws -> SandboxHarness.Response {
        try await harness.request(.aem, "GET", pathAndQuery, headers: harness.aemAdminHeaders)
    }

    static func pids(_ response: SandboxHarness.Response) throws -> [String] {
        let items = try #require(response.json as? [[String: Any]], "not a JSON array: \(response.text)")
        return items.compactMap { $0["pid"] as? String }
    }

    static func query(_ filter: String) -> String {
        "?pidFilter=" + (filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filter)
    }

    @Test func starListsEveryConfigurationEachPrintedLikeTheSingleRead() async throws {
        let (harness, providers, customizer) = try await Self.seeded()
        let response = try await Self.get(harness, Self.list)
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        let pids = try Self.pids(response)
        #expect(Set(pids) == Set(providers + [customizer, "org.apache.sling.example.Singleton"]))

        let items = try #require(response.json as? [[String: Any]])
        let listed = try #require(items.first { $0["pid"] as? String == providers[0] })
        let single = try await harness.postForm(
            .aem, "/system/console/configMgr/" + providers[0], fields: [],
            headers: try await harness.aemMutatingHeaders())
        let read = try #require(single.jsonObject)
        func canonical(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
        }
        #expect(try canonical(listed) == canonical(read), "the element is the single read")
        try await harness.stop()
    }

    @Test func aPidFilterOfFactoriesListsTheirInstancesOnly() async throws {
        let (harness, providers, customizer) = try await Self.seeded()
        let both = "(|(service.factoryPid=\(Self.provider))(service.factoryPid=\(Self.customizer)))"
        #expect(
            Set(try Self.pids(try await Self.get(harness, Self.list + Self.query(both))))
                == Set(providers + [customizer]))
        let one = "(service.factoryPid=\(Self.customizer))"
        #expect(try Self.pids(try await Self.get(harness, Self.list + Self.query(one))) == [customizer])
        try await harness.stop()
    }

    @Test func aFilterInThePathReplacesThePid() async throws {
        let (harness, providers, _) = try await Self.seeded()
        let filter = "(service.factoryPid=\(Self.provider))"
        let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filter
        let response = try await Self.get(harness, "/system/console/configMgr/\(encoded).json")
        #expect(Set(try Self.pids(response)) == Set(providers))
        try await harness.stop()
    }

    @Test func aPlainPidListsThatConfigurationAndAnUnknownOneNothing() async throws {
        let (harness, providers, _) = try await Self.seeded()
        #expect(
            try Self.pids(try await Self.get(harness, "/system/console/configMgr/\(providers[1]).json")) == [
                providers[1]
            ])
        let unknown = try await Self.get(harness, "/system/console/configMgr/com.example.Missing.json")
        #expect(unknown.status == 200)
        #expect(unknown.text == "[]")
        // A pid and a pidFilter together: both must hold.
        let name = Self.query("(name=target-stage)")
        #expect(
            try Self.pids(try await Self.get(harness, "/system/console/configMgr/\(providers[0]).json" + name)).isEmpty)
        #expect(
            try Self.pids(try await Self.get(harness, "/system/console/configMgr/\(providers[1]).json" + name)) == [
                providers[1]
            ])
        try await harness.stop()
    }

    @Test(arguments: [
        ("(name=target-prod)", 1), ("(name=target-*)", 2), ("(NAME=*-stage)", 1), ("(!(name=target-prod))", 3),
        ("(|(name=target-prod)(customizer.type=target-prod))", 2), ("(auth.token.provider.conn.timeout=30000)", 2),
        ("(auth.token.provider.conn.timeout=29999)", 0), ("(auth.token.provider.reuse.access.token=TRUE)", 2),
        ("(name~=TARGET-PROD )", 1), ("(enabled=*)", 1), ("(service.pid=org.apache.sling.example.*)", 1),
    ])
    func filtersSeeServicePropertiesAndTheConfigurationsOwn(filter: String, count: Int) async throws {
        let (harness, _, _) = try await Self.seeded()
        let response = try await Self.get(harness, Self.list + Self.query(filter))
        #expect(try Self.pids(response).count == count, "\(filter): \(response.text)")
        try await harness.stop()
    }

    @Test func secretsAreMaskedAsInTheSingleRead() async throws {
        let (harness, _, customizer) = try await Self.seeded()
        let response = try await Self.get(harness, Self.list + Self.query("(service.factoryPid=\(Self.customizer))"))
        #expect(!response.text.contains("CANARY-list-secret"))
        let items = try #require(response.json as? [[String: Any]])
        let properties = try #require(items.first?["properties"] as? [String: [String: Any]])
        #expect(items.first?["pid"] as? String == customizer)
        #expect(properties["auth.ims.client.secret"]?["value"] as? String == "unmodified")
        #expect(properties["auth.ims.client.secret"]?["type"] as? Int == 12)
        try await harness.stop()
    }

    @Test func aFilterHoldingAnAmpersandOrAComparisonIsRefusedAsFelixDoes() async throws {
        let (harness, _, _) = try await Self.seeded()
        for filter in ["(&(name=target-prod)(enabled=*))", "(auth.token.provider.conn.timeout>=1)", "(name<=z)"] {
            let response = try await Self.get(harness, Self.list + Self.query(filter))
            #expect(response.status == 400, "\(filter)")
        }
        try await harness.stop()
    }

    @Test func onlyAnAdministratorMayListAndTheSwitchEmulatesAConsoleWithoutTheListing() async throws {
        let (harness, _, _) = try await Self.seeded()
        await harness.sandbox.store.mutate {
            $0.aem.addUser(AEMUser(id: "author", password: "author", path: "/home/users/a/author", isAdmin: false))
        }
        let anonymous = try await harness.request(.aem, "GET", Self.list)
        #expect(anonymous.status == 401)
        let author = try await harness.request(
            .aem, "GET", Self.list, headers: ["Authorization": SandboxHarness.basic("author", "author")])
        #expect(author.status == 403)

        await harness.sandbox.store.setSettings(SandboxSettings(aemConfigManagerJSONList: false))
        #expect(try await Self.get(harness, Self.list).status == 404)
        try await harness.stop()
    }
}
