import AemconfTestSupport
import Foundation
import Testing

/// `drift`, `apply --refresh-only` and `destroy` through the built binary against `aemconf sandbox`.
@Suite(.serialized)
struct DayTwoEndToEndTests {
    /// The quick start's state database.
    private func stateBytes(_ sandbox: EndToEndSandbox) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: sandbox.config + "/.aemconf/state.db"))
    }

    private func drift(_ sandbox: EndToEndSandbox, _ extra: [String] = []) async throws -> ChildProcessResult {
        try await sandbox.aemconf(["drift", sandbox.config, "--no-color"] + extra)
    }

    /// Parses the metrics file with `prometheus_client`'s text parser: `{"name{label=value}": value}`.
    private func parseMetrics(_ path: String) async throws -> [String: Double] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for sample in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                    out[sample.name + ("{" + labels + "}" if labels else "")] = sample.value
            print(json.dumps(out))
            """
        let result = try await ChildProcess.run(executable: "/usr/bin/env", arguments: ["python3", "-c", script, path])
        #expect(result.status == 0, "\(result)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    @Test func driftReportsWithoutWritingAndRefreshOnlyAcceptsIt() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        let metrics = sandbox.folder.path("textfile/aemconf.prom")
        try FileManager.default.createDirectory(
            atPath: sandbox.folder.path("textfile"), withIntermediateDirectories: true)

        let before = try stateBytes(sandbox)
        let clean = try await drift(sandbox, ["--metrics-file", metrics])
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.standardOutput.contains("No drift"), "\(clean.standardOutput)")
        var parsed = try await parseMetrics(metrics)
        #expect(parsed["aemconf_drift_up"] == 1)
        #expect(parsed["aemconf_drift_drifted_objects{kind=targetCloudServices}"] == 0, "\(parsed)")
        let firstSuccess = try #require(parsed["aemconf_drift_last_success_timestamp_seconds"])
        #expect(parsed["aemconf_drift_run_duration_seconds"] != nil)
        #expect(try stateBytes(sandbox) == before, "drift never writes state")

        let changed = try await sandbox.admin(
            "POST", "aem/properties",
            json:
                #"{"path": "/etc/cloudservices/testandtarget/wknd-target/jcr:content", "properties": {"clientcode": "edited-in-crx"}}"#
        )
        #expect(changed.status == 200, "\(changed.text)")
        let drifted = try await drift(sandbox, ["--metrics-file", metrics])
        #expect(drifted.status == 2, "\(drifted)")
        #expect(drifted.standardOutput.contains("targetCloudServices.wknd.clientCode"), "\(drifted.standardOutput)")
        #expect(drifted.standardOutput.contains("edited-in-crx"))
        parsed = try await parseMetrics(metrics)
        #expect(parsed["aemconf_drift_drifted_objects{kind=targetCloudServices}"] == 1, "\(parsed)")
        #expect(parsed["aemconf_drift_drifted_objects{kind=imsConfigurations}"] == 0)
        #expect(try stateBytes(sandbox) == before)

        let json = try await drift(sandbox, ["--json"])
        #expect(json.status == 2)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["reasons"] as? [String] == ["drift"])
        let entries = try #require(document["drift"] as? [[String: Any]])
        #expect(
            entries.contains {
                $0["attribute"] as? String == "clientCode" && $0["address"] as? String == "targetCloudServices.wknd"
            })
        #expect(try stateBytes(sandbox) == before)

        // Refresh-only: the live value goes into state, nothing remote changes; drift is then clean, and the
        // plan now restores the config's value.
        let accepted = try await sandbox.aemconf([
            "apply", sandbox.config, "--refresh-only", "--auto-approve", "--no-color",
        ])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(
            accepted.standardOutput.contains("targetCloudServices.wknd: live values accepted into state"),
            "\(accepted.standardOutput)")
        #expect(try await drift(sandbox).status == 0)
        let state = try await sandbox.aemconf(["state", "pull", "--config", sandbox.config])
        #expect(state.standardOutput.contains("edited-in-crx"), "\(state)")
        let plan = try await sandbox.plan()
        #expect(plan.status == 2, "the config still asks for its own client code: \(plan)")
        #expect(!plan.standardOutput.contains("changed outside aemconf"), "\(plan.standardOutput)")

        // The sandbox stopped (AEM unreachable): exit 1, --json says why, up 0, the last success kept, and state
        // untouched.
        let settled = try stateBytes(sandbox)
        sandbox.process.send(signal: SIGTERM)
        _ = try? await sandbox.process.waitForExit(timeout: .seconds(30))
        let unreachable = try await drift(sandbox, ["--metrics-file", metrics, "--json"])
        #expect(unreachable.status == 1, "\(unreachable)")
        let failure = try #require(
            try JSONSerialization.jsonObject(with: Data(unreachable.standardOutput.utf8)) as? [String: Any])
        #expect(failure["reasons"] as? [String] == ["error"])
        #expect(unreachable.standardError.contains("aemconf: error:"), "\(unreachable.standardError)")
        parsed = try await parseMetrics(metrics)
        #expect(parsed["aemconf_drift_up"] == 0, "\(parsed)")
        #expect(parsed["aemconf_drift_last_success_timestamp_seconds"].map { $0 >= firstSuccess } == true, "\(parsed)")
        #expect(try stateBytes(sandbox) == settled)
    }

    @Test func driftExitsThreeForOnlyExpiringCredentials() async throws {
        let sandbox = try await LegacyJWTEndToEndTests.start()
        defer { Task { await sandbox.stop() } }
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        #expect(try await drift(sandbox).status == 0)
        // The certificate is valid for 365 days with a 30-day margin: 337 days later (the sandbox's clock and
        // aemconf's, moved alike) it expires in 28 days. The config is not touched.
        try await CredentialLifecycle.moveClocks(sandbox, days: 337)
        let metrics = sandbox.folder.path("aemconf.prom")
        let expiring = try await drift(sandbox, ["--metrics-file", metrics])
        #expect(expiring.status == 3, "\(expiring)")
        let text = expiring.standardOutput
        // A little under 28 days are left, however long the apply took: shown as 27 or 28 whole days.
        #expect(
            text.contains("ioIntegrations.target-legacy: certificate expires in 27 days")
                || text.contains("ioIntegrations.target-legacy: certificate expires in 28 days"), "\(text)")
        let parsed = try await parseMetrics(metrics)
        let seconds = try #require(parsed["aemconf_drift_credential_expiry_seconds"], "\(parsed)")
        #expect(seconds > 27 * 86_400 && seconds <= 28 * 86_400, "\(seconds)")
        #expect(parsed["aemconf_drift_expiring_credentials"] == 1)

        // Drift and expiry together: 2, and --json names both.
        let changed = try await sandbox.admin(
            "POST", "aem/properties",
            json:
                #"{"path": "/etc/cloudservices/testandtarget/wknd-target-prod/jcr:content", "properties": {"clientcode": "edited-in-crx"}}"#
        )
        #expect(changed.status == 200, "\(changed.text)")
        let both = try await drift(sandbox, ["--json"])
        #expect(both.status == 2, "\(both)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(both.standardOutput.utf8)) as? [String: Any])
        #expect(document["reasons"] as? [String] == ["drift", "expiring-credentials"], "\(document)")
    }

    @Test func aGoneObjectIsDriftAndRefreshOnlyForgetsIt() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)
        let removed = try await sandbox.admin("DELETE", "aem/nodes?path=/etc/cloudservices/testandtarget/wknd-target")
        #expect(removed.status == 200 || removed.status == 204, "\(removed.text)")
        let drifted = try await drift(sandbox)
        #expect(drifted.status == 2, "\(drifted)")
        #expect(drifted.standardOutput.contains("targetCloudServices.wknd deleted"), "\(drifted.standardOutput)")

        let accepted = try await sandbox.aemconf([
            "apply", sandbox.config, "--refresh-only", "--auto-approve", "--no-color",
        ])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(try await drift(sandbox).status == 0)
        let list = try await sandbox.aemconf(["state", "list", "--config", sandbox.config])
        #expect(!list.standardOutput.contains("targetCloudServices.wknd"), "\(list)")
        let plan = try await sandbox.plan()
        #expect(plan.standardOutput.contains("targetCloudServices.wknd will be created"), "\(plan.standardOutput)")
    }

    @Test func destroyDeletesWhatStateRecordsAndForgetsWhatStateRmRemoved() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)
        let created = try await sandbox.remoteCounts()
        #expect(created.credentials == 1 && created.osgiConfigurations == 2 && created.pages == 1, "\(created)")

        let refused = try await sandbox.aemconf(["destroy", sandbox.config, "--no-color"])
        #expect(refused.status == 1, "no terminal and no --auto-approve: \(refused)")
        #expect(try await sandbox.remoteCounts() == created)

        let destroyed = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
        #expect(destroyed.status == 0, "\(destroyed)")
        let output = destroyed.standardOutput
        let service = try #require(output.range(of: "targetCloudServices.wknd: deleting"), "\(output)")
        let ims = try #require(output.range(of: "imsConfigurations.target-prod: deleting"), "\(output)")
        let integration = try #require(output.range(of: "ioIntegrations.target-prod: deleting"), "\(output)")
        #expect(
            service.lowerBound < ims.lowerBound && ims.lowerBound < integration.lowerBound, "reverse dependency order")
        let gone = try await sandbox.remoteCounts()
        #expect(gone == RemoteCounts(), "\(gone)")

        let again = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
        #expect(again.status == 0, "\(again)")
        #expect(again.standardOutput.contains("No changes"), "\(again.standardOutput)")
        let list = try await sandbox.aemconf(["state", "list", "--config", sandbox.config])
        #expect(list.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(list)")

        // A saved destroy plan applies like any saved plan.
        #expect(try await sandbox.apply().status == 0)
        let planFile = sandbox.folder.path("destroy.plan")
        let saved = try await sandbox.aemconf(["plan", sandbox.config, "--destroy", "--out", planFile, "--no-color"])
        #expect(saved.status == 0, "\(saved)")
        #expect(saved.standardOutput.contains("3 to delete"), "\(saved.standardOutput)")
        let appliedPlan = try await sandbox.aemconf(["apply", planFile, "--config", sandbox.config, "--no-color"])
        #expect(appliedPlan.status == 0, "\(appliedPlan)")
        let afterPlan = try await sandbox.remoteCounts()
        #expect(afterPlan == RemoteCounts(), "\(afterPlan)")

        // Forgotten with 'state rm': destroy leaves it alone.
        #expect(try await sandbox.apply().status == 0)
        let removed = try await sandbox.aemconf(["state", "rm", "targetCloudServices.wknd", "--config", sandbox.config])
        #expect(removed.status == 0, "\(removed)")
        let partial = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
        #expect(partial.status == 0, "\(partial)")
        #expect(!partial.standardOutput.contains("targetCloudServices.wknd"), "\(partial.standardOutput)")
        let left = try await sandbox.remoteCounts()
        #expect(left.pages == 1 && left.credentials == 0 && left.osgiConfigurations == 0, "\(left)")
    }

    /// `kill -9`-like exits right before each state write (delete intent or removal) of destroy, then destroy
    /// again: it finishes, nothing aemconf made is left, and a third destroy has nothing to do.
    @Test func aDestroyKilledBeforeAnyStateWriteFinishesWhenRunAgain() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        var write = 1
        var sawCompleteRun = false
        while write <= 12, !sawCompleteRun {
            _ = try await sandbox.admin("POST", "reset")
            try? FileManager.default.removeItem(atPath: sandbox.config + "/.aemconf")
            let applied = try await sandbox.apply()
            #expect(applied.status == 0, "write \(write): \(applied)")
            let crashed = try await sandbox.aemconf(
                ["destroy", sandbox.config, "--auto-approve", "--no-color"],
                environment: ["AEMCONF_DEBUG_CRASH_BEFORE_WRITE": "\(write)"]
            )
            if crashed.status == 0 {
                sawCompleteRun = true
                break
            }
            #expect(crashed.status == 75, "write \(write): \(crashed)")
            let resumed = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
            #expect(resumed.status == 0, "write \(write): \(resumed)")
            let counts = try await sandbox.remoteCounts()
            #expect(counts == RemoteCounts(), "write \(write): \(counts)")
            let again = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
            #expect(again.standardOutput.contains("No changes"), "write \(write): \(again)")
            write += 1
        }
        #expect(sawCompleteRun, "the crash hook never ran out of writes")
        #expect(write > 3, "every delete was crashed at")
    }
}
