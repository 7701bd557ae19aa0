import AemconfTestSupport
import Foundation
import Testing

/// Certificate rotation, client-secret rotation and the JWT -> OAuth migration through the built binary on
/// `examples/multi-env` (SP18 with the IMS hotfix, the console's JWT cut-offs moved past the test): AEM's own
/// Check Health passes after every step, and a run stopped after any step, or killed before any state write,
/// converges on the next apply with exactly the objects the finished change leaves.
@Suite(.serialized)
struct CredentialLifecycleEndToEndTests {
    static let pages = ["wknd-target-prod", "wknd-target-stage"]

    static func reset(_ sandbox: EndToEndSandbox) async throws {
        let reset = try await sandbox.admin("POST", "reset")
        #expect(reset.status == 200, "\(reset.text)")
        try await LegacyJWTEndToEndTests.prepare(sandbox)
    }

    static func migrate(_ sandbox: EndToEndSandbox) throws {
        try sandbox.edit("10-integrations.yaml") {
            $0.replacingOccurrences(
                of: "    credential: jwt\n"
                    + "    certificate: { alias: aem-target-legacy, validityDays: 365, renewBeforeDays: 30 }\n",
                with: "    credential: oauth-server-to-server\n"
            )
        }
    }

    static func stable(_ counts: RemoteCounts) -> Bool {
        counts.credentials == 2 && counts.osgiConfigurations == 4 && counts.pages == 2 && counts.secrets == [1, 1]
    }

    static let certificateRotation = CredentialLifecycle.Scenario(
        pages: pages,
        prepare: { try await CredentialLifecycle.moveClocks($0, days: 340) },
        command: { ["apply", $0.config] },
        converged: { counts, dump in
            stable(counts) && counts.bindings == 1 && CredentialLifecycle.aliases(dump) == ["aem-target-legacy-r1"]
        }
    )

    static let secretRotation = CredentialLifecycle.Scenario(
        pages: pages,
        prepare: { _ in },
        command: { ["rotate", "ioIntegrations.target-prod", $0.config] },
        converged: { counts, dump in
            stable(counts) && counts.bindings == 1 && CredentialLifecycle.aliases(dump) == ["aem-target-legacy"]
        }
    )

    static let migration = CredentialLifecycle.Scenario(
        pages: pages,
        prepare: { try migrate($0) },
        command: { ["apply", $0.config] },
        converged: { counts, dump in
            stable(counts) && counts.bindings == 0 && CredentialLifecycle.aliases(dump).isEmpty
                && CredentialLifecycle.credentialKinds(dump) == [
                    "aem-target-prod": "oauthServerToServer", "aem-target-legacy-s2s": "oauthServerToServer",
                ]
        }
    )

    func exercise(_ scenario: CredentialLifecycle.Scenario, minimumSteps: Int) async throws {
        let sandbox = try await LegacyJWTEndToEndTests.start()
        defer { Task { await sandbox.stop() } }
        var interrupted = 0
        for hook in CredentialLifecycle.Hook.allCases {
            let result = try await CredentialLifecycle.everyBoundary(
                scenario, hook: hook, example: "multi-env", sandbox: sandbox, reset: Self.reset
            )
            #expect(result.boundaries >= minimumSteps, "\(hook): only \(result.boundaries) boundaries")
            print(
                "lifecycle: \(hook): cut at \(result.boundaries) boundaries, "
                    + "drift saw an interrupted apply \(result.interruptedDrifts) times"
            )
            interrupted += result.interruptedDrifts
        }
        #expect(interrupted > 0, "drift never reported an interrupted apply")
    }

    @Test func aCertificateWithinRenewBeforeDaysIsRotatedWithoutDowntimeAtEveryStep() async throws {
        // Steps: key pair sealed, keystore alias, binding + promotion, IMS switch + Check Health, Connect to Target,
        // old binding removed, old alias removed.
        try await exercise(Self.certificateRotation, minimumSteps: 7)
    }

    @Test func aRotatedClientSecretKeepsAEMWorkingAtEveryStep() async throws {
        // Steps: rotation recorded, secret created + promoted, IMS switch + Check Health, Connect to Target (two
        // pages), old secret deleted.
        try await exercise(Self.secretRotation, minimumSteps: 5)
    }

    @Test func theJWTToOAuthMigrationKeepsAEMWorkingAtEveryStep() async throws {
        // Steps: OAuth credential created (JWT retired), IMS configuration migrated + Check Health, Connect to
        // Target, the JWT binding, credential and keystore alias deleted.
        try await exercise(Self.migration, minimumSteps: 6)
    }

    @Test func plansShowTheReplaceReasonsAndRotateChangesTheSecretInUse() async throws {
        let sandbox = try await LegacyJWTEndToEndTests.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)
        let before = try await sandbox.dump()

        // The certificate: a replace with its reason once within renewBeforeDays by the moved clocks.
        try await CredentialLifecycle.moveClocks(sandbox, days: 340)
        let due = try await sandbox.plan()
        #expect(due.status == 2, "\(due)")
        #expect(
            due.standardOutput.contains("-/+ ioIntegrations.target-legacy must be replaced"), "\(due.standardOutput)")
        #expect(due.standardOutput.contains("certificate expires on"), "\(due.standardOutput)")
        #expect(due.standardOutput.contains("within renewBeforeDays (30): must be replaced"), "\(due.standardOutput)")
        #expect(
            due.standardOutput.contains("keypairAlias: \"aem-target-legacy\" -> (known after apply)"),
            "\(due.standardOutput)")

        // rotate: a new secret, the old one gone, AEM's customizer on the new one.
        let rotated = try await sandbox.aemconf([
            "rotate", "ioIntegrations.target-prod", sandbox.config, "--auto-approve", "--no-color",
        ])
        #expect(rotated.status == 0, "\(rotated)")
        #expect(
            rotated.standardOutput.contains("client secret rotation requested: must be replaced"),
            "\(rotated.standardOutput)")
        let after = try await sandbox.dump()
        #expect(Self.secretUUIDs(before, "aem-target-prod") != Self.secretUUIDs(after, "aem-target-prod"))
        #expect(Self.secretUUIDs(after, "aem-target-prod").count == 1)
        #expect(try await CredentialLifecycle.aemFailures(sandbox, pages: Self.pages).isEmpty)
        let unknown = try await sandbox.aemconf([
            "rotate", "ioIntegrations.missing", sandbox.config, "--auto-approve", "--no-color",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no credential to rotate"), "\(unknown.standardError)")

        // The migration: a replace with its reason; refused on an AEM below SP11 (no OAuth IMS support).
        try Self.migrate(sandbox)
        let migration = try await sandbox.plan()
        #expect(migration.status == 2, "\(migration)")
        #expect(
            migration.standardOutput.contains("migrating JWT to OAuth Server-to-Server"), "\(migration.standardOutput)")
        let downgraded = try await sandbox.admin("PATCH", "state/aem", json: #"{"servicePack": 10}"#)
        #expect(downgraded.status == 200, "\(downgraded.text)")
        let refused = try await sandbox.plan()
        #expect(refused.status == 1, "\(refused)")
        #expect(
            refused.standardOutput.contains("SP10 cannot use OAuth Server-to-Server credentials"),
            "\(refused.standardOutput)")
        #expect(CredentialLifecycle.credentialKinds(try await sandbox.dump())["aem-target-legacy"] == "jwt")
    }

    @Test func aSecretPastRotateSecretEveryDaysIsReportedByDriftAndRotatedByApply() async throws {
        let sandbox = try await LegacyJWTEndToEndTests.start()
        defer { Task { await sandbox.stop() } }
        try sandbox.edit("10-integrations.yaml") {
            $0.replacingOccurrences(
                of: "    productProfiles: *profiles\n",
                with: "    productProfiles: *profiles\n    rotateSecretEveryDays: 30\n")
        }
        #expect(try await sandbox.apply().status == 0)
        let before = Self.secretUUIDs(try await sandbox.dump(), "aem-target-prod")
        #expect(try await sandbox.aemconf(["drift", sandbox.config, "--no-color"]).status == 0)

        try await CredentialLifecycle.moveClocks(sandbox, days: 31)
        let due = try await sandbox.aemconf(["drift", sandbox.config, "--json"])
        #expect(due.status == 3, "\(due)")
        #expect(due.standardOutput.contains(#""credential":"client secret""#), "\(due.standardOutput)")
        let plan = try await sandbox.plan()
        #expect(plan.status == 2)
        #expect(
            plan.standardOutput.contains("is older than rotateSecretEveryDays (30): must be replaced"),
            "\(plan.standardOutput)")
        #expect(
            plan.standardOutput.contains("clientSecret: (sensitive) -> (known after apply)"), "\(plan.standardOutput)")

        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        let after = Self.secretUUIDs(try await sandbox.dump(), "aem-target-prod")
        #expect(after.count == 1 && after != before, "\(before) -> \(after)")
        #expect(try await CredentialLifecycle.aemFailures(sandbox, pages: Self.pages).isEmpty)
        #expect(try await sandbox.aemconf(["drift", sandbox.config, "--no-color"]).status == 0)
        #expect(try await sandbox.plan().status == 0)
    }

    /// "Only then deletes": when the Target read after Connect fails, the JWT credential, its binding and alias
    /// stay (AEM keeps working either way); once Target answers again, the next apply finishes the migration.
    @Test func theJWTCredentialIsKeptUntilTargetAnswersWithTheNewOne() async throws {
        let sandbox = try await LegacyJWTEndToEndTests.start()
        defer { Task { await sandbox.stop() } }
        #expect(try await sandbox.apply().status == 0)
        try Self.migrate(sandbox)
        let broken = try await sandbox.admin(
            "PUT", "faults", json: #"{"services": {"target": {"errorRate": 1.0, "errorStatuses": [403]}}}"#
        )
        #expect(broken.status == 200, "\(broken.text)")
        let failed = try await sandbox.apply()
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.standardOutput.contains("targetCloudServices.wknd-stage"), "\(failed.standardOutput)")
        let kept = try await sandbox.dump()
        #expect(
            CredentialLifecycle.credentialKinds(kept)["aem-target-legacy"] == "jwt",
            "\(CredentialLifecycle.credentialKinds(kept))")
        #expect(try await sandbox.remoteCounts().bindings == 1)
        #expect(CredentialLifecycle.aliases(kept) == ["aem-target-legacy"])
        #expect(try await CredentialLifecycle.aemFailures(sandbox, pages: Self.pages).isEmpty)

        _ = try await sandbox.admin("DELETE", "faults")
        let finished = try await sandbox.apply()
        #expect(finished.status == 0, "\(finished)")
        let done = try await sandbox.dump()
        #expect(CredentialLifecycle.credentialKinds(done)["aem-target-legacy"] == nil)
        #expect(CredentialLifecycle.aliases(done).isEmpty)
        #expect(try await sandbox.plan().status == 0)
    }

    static func secretUUIDs(_ dump: [String: Any], _ name: String) -> [String] {
        let credentials = (dump["console"] as? [String: Any])?["credentials"] as? [[String: Any]] ?? []
        let credential = credentials.first { $0["name"] as? String == name }
        return (credential?["secrets"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
    }
}
