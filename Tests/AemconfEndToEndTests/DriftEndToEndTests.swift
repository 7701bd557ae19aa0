import AemconfTestSupport
import Foundation
import Testing

/// Drift and deletes through the built binary: a property changed through the sandbox's admin API is shown as
/// drift and restored by the next apply; a cloud service removed from the config is planned as a delete.
@Suite(.serialized)
struct DriftEndToEndTests {
    @Test func driftIsShownApartAndRestoredAndARemovedServiceIsDeleted() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)

        let changed = try await sandbox.admin(
            "POST", "aem/properties",
            json:
                #"{"path": "/etc/cloudservices/testandtarget/wknd-target/jcr:content", "properties": {"clientcode": "edited-in-crx"}}"#
        )
        #expect(changed.status == 200, "\(changed.text)")
        let drifted = try await sandbox.plan()
        #expect(drifted.status == 2, "\(drifted)")
        let output = drifted.standardOutput
        let driftSection = try #require(output.range(of: "changed outside aemconf"), "\(output)")
        let changesSection = try #require(
            output.range(of: "targetCloudServices.wknd will be updated in place"), "\(output)")
        #expect(driftSection.lowerBound < changesSection.lowerBound, "drift is shown before the pending changes")
        #expect(output.contains("edited-in-crx"))

        let json = try await sandbox.aemconf(["plan", sandbox.config, "--json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let drift = try #require(document["drift"] as? [[String: Any]])
        #expect(drift.contains { $0["attribute"] as? String == "clientCode" })

        #expect(try await sandbox.apply().status == 0)
        #expect(try await sandbox.plan().status == 0, "the next apply restored the property")

        try sandbox.edit("aemconf.yaml") { text in String(text[..<text.range(of: "targetCloudServices:")!.lowerBound]) }
        let removal = try await sandbox.plan()
        #expect(removal.status == 2)
        #expect(
            removal.standardOutput.contains("targetCloudServices.wknd will be deleted"), "\(removal.standardOutput)")
        let deleted = try await sandbox.apply()
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.standardOutput.contains("1 deleted"))
        #expect(try await sandbox.remoteCounts().pages == 0)
        #expect(try await sandbox.plan().status == 0)
    }

    @Test func aJWTConfigurationIsRefusedInThePlanAtSP20() async throws {
        let sandbox = try await EndToEndSandbox.start(example: "multi-env")
        defer { Task { await sandbox.stop() } }
        try FileManager.default.createDirectory(atPath: sandbox.config + "/secrets", withIntermediateDirectories: true)
        try (sandbox.credentials["aemPassword"] ?? "").write(
            toFile: sandbox.config + "/secrets/aem-password", atomically: true, encoding: .utf8)
        let plan = try await sandbox.plan()
        #expect(plan.status == 1, "\(plan)")
        #expect(plan.standardOutput.contains("imsConfigurations.target-stage"))
        #expect(plan.standardOutput.contains("no longer accepts JWT IMS configurations"), "\(plan.standardOutput)")
    }
}
