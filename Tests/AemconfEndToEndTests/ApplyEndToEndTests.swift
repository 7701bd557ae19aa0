import AemconfTestSupport
import Foundation
import Testing

/// The built binary against `aemconf sandbox`: the quick start converges, saved plans are checked, and a crash
/// at any state write is resolved by the next apply without a duplicate remote object.
@Suite(.serialized)
struct ApplyEndToEndTests {
    @Test func quickStartAppliesOnceAndTheSecondRunHasNothingToDo() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }

        let first = try await sandbox.apply()
        #expect(first.status == 0, "\(first)")
        #expect(
            first.standardOutput.contains(
                "Apply complete: 3 created, 0 updated, 0 replaced, 0 deleted; segments +5 ~0 -0"))
        #expect(first.standardOutput.contains("targetCloudServices.wknd: creating…"))

        let plan = try await sandbox.plan()
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.standardOutput.contains("No changes."))
        let second = try await sandbox.apply()
        #expect(second.status == 0)
        #expect(second.standardOutput.contains("No changes."))
        #expect(
            try await sandbox.remoteCounts()
                == RemoteCounts(credentials: 1, secrets: [1], osgiConfigurations: 2, pages: 1))

        // An edit plans an update (exit 2 with --detailed-exitcode) and shows its diff.
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "clientCode: wkndclient", with: "clientCode: wkndclient2")
        }
        let update = try await sandbox.plan()
        #expect(update.status == 2)
        #expect(update.standardOutput.contains("clientCode"))
        #expect(update.standardOutput.contains("wkndclient2"))
    }

    @Test func savedPlansAreRefusedForAnotherStateAStaleSerialAChangedConfigOrAnotherFormat() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let planFile = sandbox.folder.path("plan.json")

        // A plan made before anything exists applies to the new state.
        let saved = try await sandbox.aemconf(["plan", sandbox.config, "--out", planFile])
        #expect(saved.status == 0, "\(saved)")
        let mode = try FileManager.default.attributesOfItem(atPath: planFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let applied = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.standardOutput.contains("Apply complete: 3 created"))

        // Stale: the state moved on after the plan was made.
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "title: WKND Target", with: "title: WKND Target 2")
        }
        #expect(try await sandbox.aemconf(["plan", sandbox.config, "--out", planFile]).status == 0)
        #expect(try await sandbox.apply().status == 0)
        let stale = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config])
        #expect(stale.status == 1)
        #expect(stale.standardError.contains("the plan is stale"))

        // Changed config.
        #expect(try await sandbox.aemconf(["plan", sandbox.config, "--out", planFile]).status == 0)
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "title: WKND Target 2", with: "title: WKND Target 3")
        }
        let changed = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config])
        #expect(changed.status == 1)
        #expect(changed.standardError.contains("the config changed since the plan was made"))

        // Another state (lineage) and another format version.
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "title: WKND Target 3", with: "title: WKND Target 2")
        }
        #expect(try await sandbox.aemconf(["plan", sandbox.config, "--out", planFile]).status == 0)
        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        let lineage = try #require(text.range(of: #""lineage" : "[^"]+""#, options: .regularExpression))
        try text.replacingCharacters(in: lineage, with: #""lineage" : "00000000-0000-0000-0000-000000000000""#)
            .write(toFile: planFile, atomically: true, encoding: .utf8)
        let otherState = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config])
        #expect(otherState.status == 1)
        #expect(otherState.standardError.contains("the plan was made for a different state"))
        try text.replacingOccurrences(of: #""formatVersion" : 1"#, with: #""formatVersion" : 99"#)
            .write(toFile: planFile, atomically: true, encoding: .utf8)
        let format = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config])
        #expect(format.status == 1)
        #expect(format.standardError.contains("format version 99"))
    }

    @Test func applyWithoutATerminalOrAStateKeyRefusesBeforeAnyRemoteCall() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let noApproval = try await sandbox.aemconf(["apply", sandbox.config])
        #expect(noApproval.status == 1)
        #expect(noApproval.standardError.contains("--auto-approve"))
        _ = try await sandbox.admin("DELETE", "requests")
        let noKey = try await sandbox.aemconf(
            ["apply", sandbox.config, "--auto-approve"], environment: ["AEMCONF_STATE_KEY": ""])
        #expect(noKey.status == 1)
        #expect(noKey.standardError.contains("aemconf state new-key"))
        let log = try await sandbox.admin("GET", "requests")
        #expect((log.json as? [Any])?.isEmpty == true, "no remote call before the refusal: \(log.text.prefix(300))")
    }

    /// `kill -9`-like exits right before each state write (intent or commit) of the quick start's apply, then
    /// apply again: it converges, and the sandbox holds exactly one of each remote object.
    @Test func aCrashBeforeAnyStateWriteConvergesWithoutDuplicates() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let expected = RemoteCounts(credentials: 1, secrets: [1], osgiConfigurations: 2, pages: 1)
        var write = 1
        var sawCompleteRun = false
        while write <= 12, !sawCompleteRun {
            _ = try await sandbox.admin("POST", "reset")
            try? FileManager.default.removeItem(atPath: sandbox.config + "/.aemconf")
            let crashed = try await sandbox.apply(environment: ["AEMCONF_DEBUG_CRASH_BEFORE_WRITE": "\(write)"])
            if crashed.status == 0 {
                sawCompleteRun = true  // fewer writes than `write`: every boundary was covered
                break
            }
            #expect(crashed.status == 75, "write \(write): \(crashed)")
            let resumed = try await sandbox.apply()
            #expect(resumed.status == 0, "write \(write): \(resumed)")
            let plan = try await sandbox.plan()
            #expect(plan.status == 0, "write \(write): the plan after resuming has changes: \(plan.standardOutput)")
            let intents = try await ChildProcess.run(
                executable: "/usr/bin/env",
                arguments: ["sqlite3", sandbox.config + "/.aemconf/state.db", "SELECT count(*) FROM intent"]
            )
            #expect(
                intents.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "write \(write): the interrupted run's intents were resolved and cleared")
            let counts = try await sandbox.remoteCounts()
            #expect(
                counts.credentials == expected.credentials && counts.osgiConfigurations == expected.osgiConfigurations
                    && counts.pages == expected.pages, "write \(write): \(counts)")
            #expect(counts.secrets.allSatisfy { $0 <= 2 }, "write \(write): \(counts)")
            write += 1
        }
        #expect(sawCompleteRun, "the crash hook never ran out of writes")
        #expect(write > 6, "every boundary of the three steps was crashed at")
    }
}
