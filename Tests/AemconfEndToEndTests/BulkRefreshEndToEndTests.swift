import AemconfTestSupport
import Foundation
import Testing

/// Refresh through the built binary reads the IMS configurations with configMgr's JSON listing, or, on a sandbox
/// emulating a console without it (`aemConfigManagerJSONList: false`), with one read per provider; a title changed
/// in the web console is drift either way, and the next apply restores it.
@Suite(.serialized)
struct BulkRefreshEndToEndTests {
    /// `METHOD path status` of the sandbox's configMgr requests since the log was last cleared.
    private func configMgrRequests(_ sandbox: EndToEndSandbox) async throws -> [String] {
        let log = try await sandbox.admin("GET", "requests?service=aem")
        let entries = try #require(log.json as? [[String: Any]], "\(log.text)")
        return entries.compactMap { entry in
            guard let path = entry["path"] as? String, path.hasPrefix("/system/console/configMgr") else { return nil }
            return "\(entry["method"] ?? "") \(path) \(entry["status"] ?? "")"
        }
    }

    /// Rewrites the IMS provider's title through configMgr, every other property kept, as an administrator would.
    private func retitleProvider(_ sandbox: EndToEndSandbox, to title: String) async throws {
        let nodes = try #require((try await sandbox.dump()["aem"] as? [String: Any])?["nodes"] as? [String: Any])
        let prefix = "/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider-"
        let file = try #require(nodes.keys.first { $0.hasPrefix(prefix) && $0.hasSuffix(".config") })
        let pid =
            "com.adobe.granite.auth.oauth.accesstoken.provider."
            + file.dropFirst(prefix.count).dropLast(".config".count)
        let setup = HandMadeSetup(sandbox: sandbox)
        let read = try await setup.aemForm("/system/console/configMgr/" + pid, [])
        let properties = try #require(read.jsonObject?["properties"] as? [String: [String: Any]], "\(read.text)")
        var fields: [(String, String)] = []
        for (name, property) in properties.sorted(by: { $0.key < $1.key }) where property["is_set"] as? Bool == true {
            let values = property["values"] as? [String] ?? [property["value"] as? String ?? ""]
            let kept = name == "auth.token.provider.title" ? [title] : values
            fields += kept.map { (name, $0) }
        }
        let names = Set(fields.map(\.0)).sorted().joined(separator: ",")
        let update = try await setup.aemForm(
            "/system/console/configMgr/" + pid, [("apply", "true"), ("propertylist", names)] + fields)
        #expect(update.status == 302, "\(update.text)")
    }

    @Test(arguments: [true, false])
    func anIMSConfigurationChangedInTheWebConsoleIsDrift(listing: Bool) async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        if !listing {
            let settings = try await sandbox.admin("PUT", "settings", json: #"{"aemConfigManagerJSONList": false}"#)
            #expect(settings.status == 200, "\(settings.text)")
        }
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")

        _ = try await sandbox.admin("DELETE", "requests")
        let plan = try await sandbox.plan()
        #expect(plan.status == 0, "\(plan)")
        let requests = try await configMgrRequests(sandbox)
        if listing {
            #expect(requests == ["GET /system/console/configMgr/*.json 200"])
        } else {
            #expect(requests.first == "GET /system/console/configMgr/*.json 404", "\(requests)")
            #expect(requests.dropFirst().count == 1, "one read per provider: \(requests)")
            #expect(requests.dropFirst().allSatisfy { $0.hasPrefix("POST /system/console/configMgr/") })
        }

        try await retitleProvider(sandbox, to: "Changed in the web console")
        let drifted = try await sandbox.plan()
        #expect(drifted.status == 2, "\(drifted)")
        #expect(drifted.standardOutput.contains("changed outside aemconf"), "\(drifted.standardOutput)")
        #expect(drifted.standardOutput.contains("Changed in the web console"))
        #expect(drifted.standardOutput.contains("imsConfigurations.target-prod"))

        #expect(try await sandbox.apply().status == 0)
        #expect(try await sandbox.plan().status == 0, "the next apply restored the title")
    }
}
