import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfResources
import AemconfState
import Foundation
import Testing

/// What a state row tells the planner about a rotation or migration in progress, and the dates rows written
/// before rotations existed fall back to.
struct StoredRotationStateTests {
    let address = ResourceAddress(kind: .ioIntegration, name: "legacy")
    let sealed = StoredSecret.sealed(SealedSecret(keyID: "k", box: Data([1, 2, 3])))

    @Test func retiredObjectsAreUnfinishedWorkAndPendingMaterialResumesTheRenewal() {
        var row = StoredResource(address: address, attributes: ["name": .known(.string("aem-legacy"))])
        #expect(row.prior.unfinished == nil)
        #expect(row.prior.pendingRenewals == [])
        row.remoteIDs["pending.certificatePEM"] = "-----BEGIN CERTIFICATE-----"
        #expect(row.prior.pendingRenewals == [Renewal.Part.certificate])
        row.remoteIDs["pending.certificatePEM"] = nil
        row.remoteIDs["pending.secretUuid"] = "requested"
        #expect(row.prior.pendingRenewals == [Renewal.Part.clientSecret])
        row.remoteIDs["retired.bindingId"] = "b1"
        row.remoteIDs["retired.keystoreAlias"] = "legacy"
        #expect(
            row.prior.unfinished
                == "removes the old certificate binding, the old keystore alias 'legacy' once the new one is in use")
    }

    @Test func rowsFromBeforeRotationsGetTheirAliasAndSecretDate() {
        let applied = Date(timeIntervalSince1970: 1_800_000_000)
        var row = StoredResource(
            address: address,
            outputs: [AttributeName.certificateNotAfter: .known(.string("2027-01-01T00:00:00Z"))],
            remoteIDs: ["keystoreAlias": "legacy", "secretUuid": "s1"],
            secrets: ["clientSecret": sealed],
            lastAppliedAt: applied
        )
        #expect(row.prior.outputs[AttributeName.keypairAlias] == .known(.string("legacy")))
        #expect(row.prior.outputs[AttributeName.clientSecretCreatedAt] == .known(.string("2027-01-15T08:00:00Z")))
        row.outputs[AttributeName.keypairAlias] = .known(.string("legacy-r2"))
        row.outputs[AttributeName.clientSecretCreatedAt] = .known(.string("2027-02-01T00:00:00Z"))
        #expect(row.prior.outputs[AttributeName.keypairAlias] == .known(.string("legacy-r2")), "a recorded output wins")
        #expect(row.prior.outputs[AttributeName.clientSecretCreatedAt] == .known(.string("2027-02-01T00:00:00Z")))
    }
}
