import AemconfTestSupport
import Foundation
import Testing

/// Helpers of the credential lifecycle tests: moving both clocks, AEM's own Check Health, and the loop that
/// stops (or kills) a rotation or migration at every step boundary.
enum CredentialLifecycle {
    /// Moves the sandbox's clock `days` ahead through its admin API, and aemconf's by the same amount (the
    /// debug-only `AEMCONF_DEBUG_CLOCK_OFFSET_SECONDS`, kept in the sandbox's environment for later runs).
    static func moveClocks(_ sandbox: EndToEndSandbox, days: Int) async throws {
        let seconds = days * 86_400
        let moved = try await sandbox.admin("PUT", "clock", json: #"{"advanceSeconds": \#(seconds)}"#)
        #expect(moved.status == 200, "\(moved.text)")
        sandbox.extraEnvironment["AEMCONF_DEBUG_CLOCK_OFFSET_SECONDS"] = String(seconds)
    }

    /// AEM's own "Check Health" of the integration as users see it: Connect to Target from each cloud service
    /// page, which makes AEM fetch a token with the IMS configuration and keystore it holds right now and read
    /// Target with it. Returns the failures (empty when AEM works).
    static func aemFailures(_ sandbox: EndToEndSandbox, pages: [String]) async throws -> [String] {
        let base = sandbox.endpoints["aem"] ?? ""
        let basic =
            "Basic "
            + Data("\(sandbox.credentials["aemUsername"] ?? "admin"):\(sandbox.credentials["aemPassword"] ?? "")".utf8)
            .base64EncodedString()
        var failures: [String] = []
        for page in pages {
            let token = try await SandboxHarness.request(
                base: base, "GET", "/libs/granite/csrf/token.json", headers: ["Authorization": basic])
            let csrf = token.jsonObject?["token"] as? String ?? ""
            let body = SandboxHarness.urlEncoded([
                ("cmd", "connect"), ("path", "/etc/cloudservices/testandtarget/" + page),
            ])
            let answer = try await SandboxHarness.request(
                base: base, "POST", "/libs/cq/analytics/testandtarget/command",
                headers: [
                    "Authorization": basic, "CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: Data(body.utf8)
            )
            if answer.jsonObject?["success"] as? Bool != true {
                failures.append("\(page): \(answer.status) \(answer.text)")
            }
        }
        return failures
    }

    /// How a run is cut short.
    enum Hook: String, CaseIterable {
        /// Ends right after the N-th commit: the end of step N.
        case stopAfterCommit = "AEMCONF_DEBUG_STOP_AFTER_COMMIT"
        /// Ends right before the N-th intent or commit: between a remote change and its record.
        case crashBeforeWrite = "AEMCONF_DEBUG_CRASH_BEFORE_WRITE"

        var exitStatus: Int32 { self == .stopAfterCommit ? 76 : 75 }
    }

    /// One lifecycle change exercised at every boundary.
    struct Scenario: Sendable {
        /// The pages whose Connect to Target proves AEM works.
        var pages: [String]
        /// Brings a freshly applied sandbox to where the change is due (moves the clock, edits the config).
        var prepare: @Sendable (EndToEndSandbox) async throws -> Void
        /// The command that makes the change.
        var command: @Sendable (EndToEndSandbox) -> [String]
        /// Whether the sandbox holds exactly what the finished change leaves.
        var converged: @Sendable (RemoteCounts, [String: Any]) -> Bool
    }

    /// For N = 1, 2, …: a fresh apply, the scenario's change cut short by `hook` at N, then AEM's Check Health
    /// must pass, the next apply must converge (a plan and drift with nothing to do) to exactly the scenario's
    /// objects, until a run finishes before the hook fires. Returns how many boundaries were cut and how many
    /// times drift reported an interrupted apply.
    static func everyBoundary(
        _ scenario: Scenario,
        hook: Hook,
        example: String,
        sandbox: EndToEndSandbox,
        reset: (EndToEndSandbox) async throws -> Void
    ) async throws -> (boundaries: Int, interruptedDrifts: Int) {
        var boundary = 1
        var interruptedDrifts = 0
        while boundary <= 40 {
            try await reset(sandbox)
            sandbox.extraEnvironment = [:]
            try sandbox.writeConfig(example: example)
            try writeSecrets(sandbox)
            let applied = try await sandbox.apply()
            #expect(applied.status == 0, "\(hook) \(boundary): first apply: \(applied)")
            try await scenario.prepare(sandbox)
            let cut = try await sandbox.aemconf(
                scenario.command(sandbox) + ["--auto-approve", "--no-color"],
                environment: [hook.rawValue: "\(boundary)"]
            )
            if cut.status == 0 {
                #expect(
                    scenario.converged(try await sandbox.remoteCounts(), try await sandbox.dump()),
                    "\(hook): the uncut run")
                return (boundary - 1, interruptedDrifts)
            }
            #expect(
                cut.status == hook.exitStatus,
                "\(hook) \(boundary): \(cut.standardOutput.suffix(800)) \(cut.standardError.suffix(800))")
            let failures = try await aemFailures(sandbox, pages: scenario.pages)
            #expect(failures.isEmpty, "\(hook) \(boundary): AEM's Check Health failed after the cut: \(failures)")

            let drift = try await sandbox.aemconf(["drift", sandbox.config, "--json"])
            if let document = try? JSONSerialization.jsonObject(with: Data(drift.standardOutput.utf8))
                as? [String: Any],
                (document["reasons"] as? [String] ?? []).contains("interrupted-apply")
            {
                interruptedDrifts += 1
                #expect(drift.status == 2, "\(hook) \(boundary): \(drift)")
                #expect((document["openIntents"] as? [Any])?.isEmpty == false, "\(document)")
            }

            let resumed = try await sandbox.apply()
            #expect(
                resumed.status == 0,
                "\(hook) \(boundary): \(resumed.standardOutput.suffix(1500)) \(resumed.standardError.suffix(800))")
            let plan = try await sandbox.plan()
            #expect(
                plan.status == 0,
                "\(hook) \(boundary): the plan after resuming has changes: \(plan.standardOutput.suffix(1500))")
            let settled = try await sandbox.aemconf(["drift", sandbox.config, "--no-color"])
            #expect(settled.status == 0, "\(hook) \(boundary): drift after resuming: \(settled)")
            let counts = try await sandbox.remoteCounts()
            #expect(scenario.converged(counts, try await sandbox.dump()), "\(hook) \(boundary): \(counts)")
            #expect(
                try await aemFailures(sandbox, pages: scenario.pages).isEmpty, "\(hook) \(boundary): after resuming")
            boundary += 1
        }
        Issue.record("\(hook): the change never finished before the hook")
        return (boundary, interruptedDrifts)
    }

    /// The AEM password file `examples/multi-env` reads.
    static func writeSecrets(_ sandbox: EndToEndSandbox) throws {
        guard FileManager.default.fileExists(atPath: sandbox.config + "/00-connections.yaml") else { return }
        try FileManager.default.createDirectory(atPath: sandbox.config + "/secrets", withIntermediateDirectories: true)
        try (sandbox.credentials["aemPassword"] ?? "").write(
            toFile: sandbox.config + "/secrets/aem-password", atomically: true, encoding: .utf8)
    }

    /// The keystore aliases the sandbox holds.
    static func aliases(_ dump: [String: Any]) -> [String] {
        let keystores = (dump["aem"] as? [String: Any])?["keystores"] as? [String: Any] ?? [:]
        return keystores.values.flatMap {
            (($0 as? [String: Any])?["entries"] as? [[String: Any]] ?? []).compactMap { $0["alias"] as? String }
        }
    }

    /// The console credentials' kinds by name.
    static func credentialKinds(_ dump: [String: Any]) -> [String: String] {
        let credentials = (dump["console"] as? [String: Any])?["credentials"] as? [[String: Any]] ?? []
        var result: [String: String] = [:]
        for credential in credentials {
            result[credential["name"] as? String ?? ""] = credential["kind"] as? String ?? ""
        }
        return result
    }
}
