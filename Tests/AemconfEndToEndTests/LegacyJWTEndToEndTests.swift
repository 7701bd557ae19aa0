import AemconfTestSupport
import Foundation
import Testing

/// `examples/multi-env` (an OAuth and a legacy JWT integration) on a sandbox at SP18 with the IMS hotfix whose
/// console still accepts JWT credentials: a crash before any state write, then apply, converges with exactly one
/// credential, binding, keystore alias, OSGi pair and page each.
@Suite(.serialized)
struct LegacyJWTEndToEndTests {
    /// Moves the console's JWT cut-offs past today (the sandbox's clock stays real, so certificates are valid).
    static let beforeTheCutoffs = """
        {"policy": {"jwtCreationCutoff": "2099-01-01T00:00:00Z", "jwtCertificateCutoff": "2099-01-01T00:00:00Z", \
        "jwtConversion": "2099-01-01T00:00:00Z"}}
        """

    static func start() async throws -> EndToEndSandbox {
        let sandbox = try await EndToEndSandbox.start(
            example: "multi-env", sandboxArguments: ["--aem-service-pack", "18", "--aem-ims-hotfix"])
        try FileManager.default.createDirectory(atPath: sandbox.config + "/secrets", withIntermediateDirectories: true)
        try (sandbox.credentials["aemPassword"] ?? "").write(
            toFile: sandbox.config + "/secrets/aem-password", atomically: true, encoding: .utf8)
        try await prepare(sandbox)
        return sandbox
    }

    static func prepare(_ sandbox: EndToEndSandbox) async throws {
        let patched = try await sandbox.admin("PATCH", "state/console", json: beforeTheCutoffs)
        #expect(patched.status == 200, "\(patched.text)")
    }

    static let converged = RemoteCounts(
        credentials: 2, bindings: 1, secrets: [], osgiConfigurations: 4, pages: 2, keystoreAliases: 1)

    static func expectConverged(_ counts: RemoteCounts, _ context: String) {
        #expect(
            counts.credentials == converged.credentials && counts.bindings == converged.bindings
                && counts.osgiConfigurations == converged.osgiConfigurations && counts.pages == converged.pages
                && counts.keystoreAliases == converged.keystoreAliases,
            "\(context): \(counts)"
        )
        #expect(counts.secrets.allSatisfy { $0 <= 2 }, "\(context): \(counts)")
    }

    @Test func theLegacyJWTIntegrationAppliesAndASecondPlanIsEmpty() async throws {
        let sandbox = try await Self.start()
        defer { Task { await sandbox.stop() } }
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.standardOutput.contains("Apply complete: 6 created"))
        let log = try await sandbox.admin("GET", "requests?service=ims")
        #expect(
            log.text.replacingOccurrences(of: "\\/", with: "/").contains("/ims/exchange/jwt"),
            "Check Health exchanged a signed JWT")
        #expect(try await sandbox.plan().status == 0)
        Self.expectConverged(try await sandbox.remoteCounts(), "after one apply")
    }

    @Test func aCrashBeforeAnyStateWriteConvergesWithoutDuplicates() async throws {
        let sandbox = try await Self.start()
        defer { Task { await sandbox.stop() } }
        var write = 1
        var ranOut = false
        while write <= 24, !ranOut {
            _ = try await sandbox.admin("POST", "reset")
            try await Self.prepare(sandbox)
            try? FileManager.default.removeItem(atPath: sandbox.config + "/.aemconf")
            let crashed = try await sandbox.apply(environment: ["AEMCONF_DEBUG_CRASH_BEFORE_WRITE": "\(write)"])
            if crashed.status == 0 {
                ranOut = true
                break
            }
            #expect(crashed.status == 75, "write \(write): \(crashed)")
            let resumed = try await sandbox.apply()
            #expect(
                resumed.status == 0,
                "write \(write): \(resumed.standardOutput.suffix(1500)) \(resumed.standardError.suffix(1500))")
            #expect(try await sandbox.plan().status == 0, "write \(write): the plan after resuming has changes")
            Self.expectConverged(try await sandbox.remoteCounts(), "write \(write)")
            write += 1
        }
        #expect(ranOut, "the crash hook never ran out of writes")
        #expect(write > 12, "every boundary of the six steps was crashed at")
    }
}
