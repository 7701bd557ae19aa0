import AemconfTestSupport
import Foundation
import Testing

/// `aemconf show PLANFILE` through the built binary: the saved plan of `plan --out` as text, JSON and Markdown,
/// with neither config nor state nor sandbox needed.
@Suite struct ShowEndToEndTests {
    @Test func aSavedPlanRendersInEachFormat() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let planFile = sandbox.folder.path("plan.json")
        let planned = try await sandbox.plan(["--out", planFile])
        #expect(planned.status == 2, "\(planned)")
        sandbox.process.send(signal: SIGTERM)
        _ = try? await sandbox.process.waitForExit(timeout: .seconds(30))

        // Rendered from the file alone: no environment, no sandbox.
        let text = try await AemconfBinary.run(["show", planFile, "--no-color"])
        #expect(text.status == 0, "\(text)")
        #expect(
            text.standardOutput.contains("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete."),
            "\(text.standardOutput)")
        let markdown = try await AemconfBinary.run(["show", planFile, "--markdown"])
        #expect(markdown.status == 0)
        #expect(
            markdown.standardOutput.hasPrefix(
                "### aemconf plan: 3 to create, 0 to update, 0 to replace, 0 to delete\n"), "\(markdown.standardOutput)"
        )
        #expect(markdown.standardOutput.contains("| <code>+</code> | <code>targetCloudServices.wknd</code> | create |"))
        #expect(markdown.standardOutput.contains("(known after apply)"))
        let json = try await AemconfBinary.run(["show", planFile, "--json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((document["changes"] as? [Any])?.count == 3, "\(json.standardOutput)")

        let both = try await AemconfBinary.run(["show", planFile, "--json", "--markdown"])
        #expect(both.status == 64)
        let notAPlan = try await AemconfBinary.run(["show", sandbox.config + "/aemconf.yaml"])
        #expect(notAPlan.status == 1)
        #expect(notAPlan.standardError.contains("aemconf: error:"), "\(notAPlan)")
    }
}
