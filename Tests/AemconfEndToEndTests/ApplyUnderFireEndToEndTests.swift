import AemconfTestSupport
import Foundation
import Testing

/// Apply under contention, interrupts, injected faults, and the secrets it must never print or store.
@Suite(.serialized)
struct ApplyUnderFireEndToEndTests {
    @Test func aSecondApplyOnTheSameStateNamesTheHolderOrWaits() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        // Another process holds the lock (deterministically, however loaded the machine is).
        let location = "sqlite:" + sandbox.config + "/.aemconf/state.db"
        try FileManager.default.createDirectory(atPath: sandbox.config + "/.aemconf", withIntermediateDirectories: true)
        let holder = try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf-state-probe"), arguments: ["hold-lock", location, "default"]
        )
        _ = try await holder.waitForLine(timeout: .seconds(120)) { $0.hasPrefix("locked ") }

        let refused = try await sandbox.aemconf(["apply", sandbox.config, "--auto-approve", "--lock-timeout", "0s"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("is locked by"), "\(refused.standardError)")
        #expect(
            refused.standardError.contains("aemconf state unlock"), "the message says how to break a dead holder's lock"
        )
        #expect(try await sandbox.remoteCounts() == RemoteCounts(), "nothing remote was touched")

        let waiting = try await sandbox.start([
            "apply", sandbox.config, "--auto-approve", "--no-color", "--lock-timeout", "300s",
        ])
        try await Task.sleep(for: .seconds(1))
        holder.send(signal: SIGTERM)
        _ = try await holder.waitForExit(timeout: .seconds(300))
        let waited = try await waiting.waitForExit(timeout: .seconds(300))
        #expect(waited.status == 0, "\(waited)")
        #expect(
            waited.standardOutput.contains("Apply complete: 3 created"), "the waiting apply ran once the lock was free")
        #expect(
            try await sandbox.remoteCounts()
                == RemoteCounts(credentials: 1, secrets: [1], osgiConfigurations: 2, pages: 1))
    }

    @Test func theFirstInterruptDrainsAndStateStaysConsistent() async throws {
        let sandbox = try await EndToEndSandbox.start(sandboxArguments: ["--fault", "all:latency=400"])
        defer { Task { await sandbox.stop() } }
        let apply = try await sandbox.start(["apply", sandbox.config, "--auto-approve", "--no-color"])
        _ = try await apply.waitForLine(timeout: .seconds(120)) { $0.contains("ioIntegrations.target-prod: creating…") }
        apply.send(signal: SIGINT)
        let result = try await apply.waitForExit(timeout: .seconds(300))
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput.contains("ioIntegrations.target-prod: created"),
            "the running step finished: \(result.standardOutput)")
        #expect(result.standardOutput.contains("not started"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("interrupted"))

        _ = try await sandbox.admin("DELETE", "faults")
        let list = try await sandbox.aemconf([
            "state", "list", "--state", "sqlite:" + sandbox.config + "/.aemconf/state.db",
        ])
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("ioIntegrations.target-prod"))
        #expect(!list.standardOutput.contains("targetCloudServices.wknd"))
        #expect(try await sandbox.apply().status == 0)
        #expect(try await sandbox.plan().status == 0)
        #expect(
            try await sandbox.remoteCounts()
                == RemoteCounts(credentials: 1, secrets: [1], osgiConfigurations: 2, pages: 1))
    }

    @Test func injectedFaultsEndInSuccessOrAPreciseErrorAndTheNextApplyConverges() async throws {
        let sandbox = try await EndToEndSandbox.start(sandboxArguments: [
            "--fault", "seed=11", "--fault", "all:error-rate=0.3,error-statuses=500/503,latency=20",
            "--fault", "target:rate-limit=0.1,retry-after=1", "--fault", "console:reset=0.05",
        ])
        defer { Task { await sandbox.stop() } }
        let faulted = try await sandbox.apply()
        if faulted.status != 0 {
            // An error names the resource, and for a service its method, path and status.
            let message = faulted.standardError
            #expect(message.contains("aemconf: error:"), "\(faulted)")
            #expect(message.contains(" GET ") || message.contains(" POST ") || message.contains(" PUT "), "\(message)")
        }
        _ = try await sandbox.admin("DELETE", "faults")
        let converged = try await sandbox.apply()
        #expect(converged.status == 0, "\(converged)")
        #expect(try await sandbox.plan().status == 0)
        let counts = try await sandbox.remoteCounts()
        #expect(counts.credentials == 1 && counts.osgiConfigurations == 2 && counts.pages == 1, "\(counts)")
    }

    @Test func noSecretReachesOutputLogsPlansOrTheStateFile() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let planFile = sandbox.folder.path("plan.json")
        var outputs: [String] = []
        for arguments in [
            ["plan", sandbox.config, "--log-level", "trace", "--out", planFile],
            ["apply", sandbox.config, "--auto-approve", "--log-level", "trace", "--json"],
            ["plan", sandbox.config, "--json", "--log-level", "trace", "--log-format", "json"],
            [
                "state", "show", "ioIntegrations.target-prod", "--state",
                "sqlite:" + sandbox.config + "/.aemconf/state.db",
            ],
            ["state", "pull", "--state", "sqlite:" + sandbox.config + "/.aemconf/state.db"],
        ] {
            let result = try await sandbox.aemconf(arguments)
            #expect(result.status == 0 || result.status == 2, "\(arguments[0]): \(result)")
            outputs += [result.standardOutput, result.standardError]
        }
        let dump = try await sandbox.dump()
        let credential = try #require(((dump["console"] as? [String: Any])?["credentials"] as? [[String: Any]])?.first)
        let clientSecret = try #require((credential["secrets"] as? [[String: Any]])?.first?["value"] as? String)
        let canaries = [clientSecret, sandbox.credentials["consoleUserToken"] ?? "missing-token", sandbox.stateKey]
        let stateBytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.config + "/.aemconf/state.db"))
        let planText = try String(contentsOfFile: planFile, encoding: .utf8)
        for canary in canaries {
            #expect(canary.count >= 16)
            for output in outputs { #expect(!output.contains(canary), "a secret reached the output") }
            #expect(!planText.contains(canary), "a secret reached the saved plan")
            #expect(stateBytes.range(of: Data(canary.utf8)) == nil, "a secret reached the state file in clear")
        }
    }

    @Test func theQuickStartConvergesOnPostgreSQLState() async throws {
        guard let url = ProcessInfo.processInfo.environment["AEMCONF_TEST_POSTGRES_URL"] else {
            Issue.record(
                "AEMCONF_TEST_POSTGRES_URL is not set: run the tests through 'scripts/test', which starts a throwaway PostgreSQL"
            )
            return
        }
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let workspace = "e2e-" + UUID().uuidString.prefix(8).lowercased()
        let state = ["--state", url, "--workspace", workspace]
        let first = try await sandbox.apply(state)
        #expect(first.status == 0, "\(first)")
        #expect(first.standardOutput.contains("Apply complete: 3 created"))
        let plan = try await sandbox.plan(state)
        #expect(plan.status == 0, "\(plan)")
        #expect(try await sandbox.apply(state).standardOutput.contains("No changes."))
        #expect(
            !FileManager.default.fileExists(atPath: sandbox.config + "/.aemconf/state.db"),
            "PostgreSQL state, no SQLite file")
    }
}
