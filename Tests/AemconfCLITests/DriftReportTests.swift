@testable import AemconfCLI
import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfState
import Foundation
import Testing

/// `drift`'s exit status, reasons and metrics text, without a service.
@Suite struct DriftReportTests {
    static let service = ResourceAddress(kind: .targetCloudService, name: "wknd")
    static let integration = ResourceAddress(kind: .ioIntegration, name: "legacy")
    static let changed = Drift(
        address: service, kind: .changed, attribute: "clientCode", stored: .known(.string("a")),
        live: .known(.string("b")))
    static func certificate(days: Double, renew: Int = 30) -> CredentialExpiry {
        CredentialExpiry(
            address: integration, notAfter: Date(timeIntervalSince1970: days * 86_400), renewBeforeDays: renew,
            secondsLeft: days * 86_400)
    }

    @Test func eachReasonHasItsOwnExitStatus() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(DriftReport(drift: [], credentials: [Self.certificate(days: 90)], checkedAt: now).exitCode == 0)
        #expect(DriftReport(drift: [Self.changed], credentials: [], checkedAt: now).exitCode == 2)
        let expiring = DriftReport(drift: [], credentials: [Self.certificate(days: 10)], checkedAt: now)
        #expect(expiring.exitCode == 3)
        #expect(expiring.reasons == ["expiring-credentials"])
        let both = DriftReport(drift: [Self.changed], credentials: [Self.certificate(days: -1)], checkedAt: now)
        #expect(both.exitCode == 2)
        #expect(both.reasons == ["drift", "expiring-credentials"])
        #expect(both.text(color: false).contains("ioIntegrations.legacy: certificate expired"))
        #expect(both.json().contains(#""reasons":["drift","expiring-credentials"]"#))
    }

    @Test func aClientSecretPastItsRotationPolicyCountsAsExpiring() {
        let now = Date(timeIntervalSince1970: 0)
        let secret = CredentialExpiry(
            address: Self.integration, notAfter: Date(timeIntervalSince1970: -60), renewBeforeDays: 0, secondsLeft: -60,
            credential: CredentialExpiry.clientSecret
        )
        let report = DriftReport(drift: [], credentials: [secret], checkedAt: now)
        #expect(report.exitCode == 3)
        let text = report.text(color: false)
        #expect(text.contains("ioIntegrations.legacy: client secret due for rotation since 1969-12-31T23:59:00Z"))
        #expect(report.json().contains(#""credential":"client secret""#))
        let early = CredentialExpiry(
            address: Self.integration, notAfter: Date(timeIntervalSince1970: 60), renewBeforeDays: 0, secondsLeft: 60,
            credential: CredentialExpiry.clientSecret
        )
        #expect(DriftReport(drift: [], credentials: [early], checkedAt: now).exitCode == 0)
    }

    @Test func openIntentsOfAnInterruptedApplyAreTheirOwnDriftLikeReason() {
        let now = Date(timeIntervalSince1970: 0)
        let intent = Intent(
            id: "i1", address: Self.integration, action: .update, remoteName: "keystore alias 'a-r1'", createdAt: now
        )
        let interrupted = DriftReport(
            drift: [], credentials: [Self.certificate(days: 10)], checkedAt: now, openIntents: [intent]
        )
        #expect(interrupted.exitCode == 2, "drift-like: the live objects may differ from state until the next apply")
        #expect(interrupted.reasons == ["interrupted-apply", "expiring-credentials"])
        #expect(interrupted.text(color: false).contains("ioIntegrations.legacy: update keystore alias 'a-r1'"))
        let json = interrupted.json()
        #expect(json.contains(#""openIntents":[{"action":"update","address":"ioIntegrations.legacy""#), "\(json)")
        let clean = DriftReport(drift: [], credentials: [], checkedAt: now)
        #expect(clean.exitCode == 0)
        #expect(clean.json().contains(#""openIntents":[]"#))
    }

    @Test func metricsCarryTheGaugesAndAFailureKeepsTheLastSuccess() throws {
        let report = DriftReport(
            drift: [Self.changed, Self.changed], credentials: [Self.certificate(days: 10)], checkedAt: Date())
        let text = DriftMetrics.render(
            report, duration: .milliseconds(1500), now: Date(timeIntervalSince1970: 1_000), previousLastSuccess: nil)
        #expect(text.contains("# TYPE aemconf_drift_up gauge"))
        #expect(text.contains("aemconf_drift_up 1"))
        #expect(text.contains(#"aemconf_drift_drifted_objects{kind="targetCloudServices"} 1"#), "\(text)")
        #expect(text.contains(#"aemconf_drift_drifted_objects{kind="ioIntegrations"} 0"#))
        #expect(text.contains("aemconf_drift_credential_expiry_seconds 864000"))
        #expect(text.contains("aemconf_drift_run_duration_seconds 1.5"))

        let folder = NSTemporaryDirectory() + "aemconf-metrics-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/aemconf.prom"
        DriftMetrics.write(report, duration: .seconds(1), to: path, now: Date(timeIntervalSince1970: 1_000))
        DriftMetrics.write(nil, duration: .seconds(1), to: path, now: Date(timeIntervalSince1970: 2_000))
        let failed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(failed.contains("aemconf_drift_up 0"))
        #expect(failed.contains("aemconf_drift_last_success_timestamp_seconds 1000"), "\(failed)")
        #expect(!failed.contains("aemconf_drift_drifted_objects"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["aemconf.prom"], "no temp file is left")
    }
}
