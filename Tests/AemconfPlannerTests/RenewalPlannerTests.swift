import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// Renewals as values: a certificate's `notAfter` or a secret's age, the plan's clock and the policy's days
/// decide a partial replace with its reason; dependents see only the renewed outputs change.
struct RenewalPlannerTests {
    let integration = ResourceAddress(kind: .ioIntegration, name: "legacy")
    let ims = ResourceAddress(kind: .imsConfiguration, name: "stage")
    let cloud = ResourceAddress(kind: .targetCloudService, name: "wknd")
    let day: TimeInterval = 86_400
    let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    var certificate: Renewal {
        Renewal(
            part: Renewal.Part.certificate, noun: "certificate",
            rule: .expiresAt(output: "certificateNotAfter", renewBeforeDays: 30),
            changesOutputs: ["keypairAlias", "certificateNotAfter"]
        )
    }

    func secret(everyDays: Int?) -> Renewal {
        Renewal(
            part: Renewal.Part.clientSecret, noun: "client secret",
            rule: everyDays.map { .olderThan(output: "clientSecretCreatedAt", days: $0) } ?? .onRequest,
            changesOutputs: ["clientSecret", "clientSecretCreatedAt"]
        )
    }

    func desired(_ renewal: Renewal) -> [DesiredResource] {
        [
            DesiredResource(
                address: integration, attributes: ["name": .known(.string("aem-legacy"))], renewals: [renewal]
            ),
            DesiredResource(
                address: ims,
                attributes: [
                    "clientId": .output(of: integration, name: "clientId"),
                    "keypairAlias": .output(of: integration, name: "keypairAlias"),
                    "clientSecret": .output(of: integration, name: "clientSecret"),
                ],
                dependencies: [integration]
            ),
            DesiredResource(
                address: cloud,
                attributes: [
                    "imsConfiguration": .output(of: ims, name: "configurationId"), "title": .known(.string("WKND")),
                ],
                dependencies: [ims]
            ),
        ]
    }

    func prior(outputs: PlanAttributes, unfinished: String? = nil, pending: [String] = []) -> [PriorResource] {
        [
            PriorResource(
                address: integration, attributes: ["name": .known(.string("aem-legacy"))], outputs: outputs,
                unfinished: unfinished, pendingRenewals: pending
            ),
            PriorResource(
                address: ims,
                attributes: [
                    "clientId": .known(.string("abc")), "keypairAlias": .known(.string("legacy")),
                    "clientSecret": .sensitive(fingerprint: "f1"),
                ],
                outputs: ["configurationId": .known(.string("pid-1"))],
                dependencies: [integration]
            ),
            PriorResource(
                address: cloud,
                attributes: ["imsConfiguration": .known(.string("pid-1")), "title": .known(.string("WKND"))],
                dependencies: [ims]
            ),
        ]
    }

    func outputs(notAfter: Date? = nil, secretCreated: Date? = nil) -> PlanAttributes {
        var outputs: PlanAttributes = [
            "clientId": .known(.string("abc")), "keypairAlias": .known(.string("legacy")),
            "clientSecret": .sensitive(fingerprint: "f1"),
        ]
        if let notAfter { outputs["certificateNotAfter"] = .known(.string(iso(notAfter))) }
        if let secretCreated { outputs["clientSecretCreatedAt"] = .known(.string(iso(secretCreated))) }
        return outputs
    }

    func plan(
        _ renewal: Renewal,
        outputs: PlanAttributes,
        now: Date,
        requested: Set<ResourceAddress> = [],
        unfinished: String? = nil,
        pending: [String] = []
    ) -> Plan {
        Planner.plan(
            PlannerInput(
                desired: desired(renewal), prior: prior(outputs: outputs, unfinished: unfinished, pending: pending),
                observed: nil, toolVersion: "test", createdAt: now, requestedRenewals: requested
            )
        )
    }

    @Test func aCertificateOutsideItsMarginIsLeftAlone() {
        let result = plan(certificate, outputs: outputs(notAfter: epoch.addingTimeInterval(31 * day)), now: epoch)
        #expect(!result.hasChanges)
        #expect(result.change(for: integration)?.action == .noOp)
    }

    @Test func aCertificateWithinRenewBeforeDaysIsReplacedWithTheReasonAndOnlyItsOutputsAreUnknown() {
        let result = plan(certificate, outputs: outputs(notAfter: epoch.addingTimeInterval(29 * day)), now: epoch)
        let change = result.change(for: integration)
        #expect(change?.action == .replace)
        #expect(change?.renewals == [Renewal.Part.certificate])
        #expect(change?.reasons == ["certificate expires on 2027-02-13, within renewBeforeDays (30): must be replaced"])
        let dependent = result.change(for: ims)
        #expect(dependent?.action == .update)
        #expect(dependent?.after?["keypairAlias"] == .unknown)
        #expect(dependent?.after?["clientId"] == .known(.string("abc")), "the client id is not renewed")
        #expect(dependent?.after?["clientSecret"] == .sensitive(fingerprint: "f1"))
        let verified = result.change(for: cloud)
        #expect(verified?.action == .verify)
        #expect(verified?.reasons == ["verifies with the new credential of '\(ims)'"])
    }

    @Test func anExpiredCertificateSaysSo() {
        let result = plan(certificate, outputs: outputs(notAfter: epoch.addingTimeInterval(-day)), now: epoch)
        #expect(result.change(for: integration)?.reasons.first?.hasPrefix("certificate expired on ") == true)
    }

    @Test func aSecretOlderThanItsPolicyIsReplacedAndAYoungerOneIsNot() {
        let created = epoch.addingTimeInterval(-90 * day)
        let due = plan(secret(everyDays: 90), outputs: outputs(secretCreated: created), now: epoch)
        #expect(due.change(for: integration)?.action == .replace)
        #expect(
            due.change(for: integration)?.reasons.first?.contains("is older than rotateSecretEveryDays (90)") == true)
        #expect(due.change(for: ims)?.after?["clientSecret"] == .unknown)
        #expect(due.change(for: ims)?.after?["keypairAlias"] == .known(.string("legacy")))
        let young = plan(secret(everyDays: 91), outputs: outputs(secretCreated: created), now: epoch)
        #expect(!young.hasChanges)
    }

    @Test func aSecretWithoutPolicyRotatesOnlyOnRequest() {
        let quiet = plan(
            secret(everyDays: nil), outputs: outputs(secretCreated: epoch.addingTimeInterval(-9_999 * day)), now: epoch)
        #expect(!quiet.hasChanges)
        let requested = plan(secret(everyDays: nil), outputs: outputs(), now: epoch, requested: [integration])
        #expect(requested.change(for: integration)?.action == .replace)
        #expect(requested.change(for: integration)?.reasons == ["client secret rotation requested: must be replaced"])
    }

    @Test func anInterruptedRenewalIsResumedAndLeftoversAreFinished() {
        let pending = plan(
            certificate, outputs: outputs(notAfter: epoch.addingTimeInterval(300 * day)), now: epoch,
            pending: [Renewal.Part.certificate]
        )
        #expect(pending.change(for: integration)?.action == .replace)
        #expect(
            pending.change(for: integration)?.reasons == [
                "an interrupted run started renewing the certificate: must be replaced"
            ])

        let unfinished = plan(
            certificate, outputs: outputs(notAfter: epoch.addingTimeInterval(300 * day)), now: epoch,
            unfinished: "removes the old alias"
        )
        let change = unfinished.change(for: integration)
        #expect(change?.action == .update)
        #expect(change?.renewals == [])
        #expect(change?.reasons == ["finishes an interrupted run: removes the old alias"])
        #expect(
            unfinished.change(for: ims)?.action == .verify, "the configuration is checked before the old objects go")
    }

    @Test func aSavedPlanKeepsItsRenewals() throws {
        let result = plan(certificate, outputs: outputs(notAfter: epoch), now: epoch)
        let change = try #require(result.change(for: integration))
        let decoded = try JSONDecoder().decode(PlannedChange.self, from: try JSONEncoder().encode(change))
        #expect(decoded == change)
        let plain = PlannedChange(address: cloud, action: .noOp)
        let text = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!text.contains("renewals"), "plans without renewals are written as before")
        #expect(try JSONDecoder().decode(PlannedChange.self, from: Data(text.utf8)).renewals == [])
    }
}
