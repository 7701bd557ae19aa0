import AemconfModel
import AemconfState
import Foundation
import Testing

@testable import AemconfResources

/// A sealed value is opened once per run; what is remembered must never open a value the sealer would refuse.
@Suite struct OpenedSecretsTests {
    static let sealer = SecretSealer(key: StateKey.generate())
    static let scope = SealScope(lineage: "lineage-1", workspace: "default")

    @Test func aValueSealedOrOpenedOnceOpensToTheSameSecret() throws {
        let memo = OpenedSecrets()
        let secret = Secret("client-secret-value-1")
        let sealed = try memo.seal(
            secret, address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope, sealer: Self.sealer)
        #expect(memo.count == 1)
        #expect(
            try Self.sealer.open(sealed, address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope)
                == secret)
        #expect(
            try memo.open(
                sealed, address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope, sealer: Self.sealer)
                == secret)
        let other = try Self.sealer.seal(
            Secret("client-secret-value-2"), address: "ioIntegrations.two", field: "clientSecret", scope: Self.scope)
        #expect(
            try memo.open(
                other, address: "ioIntegrations.two", field: "clientSecret", scope: Self.scope, sealer: Self.sealer)
                == Secret("client-secret-value-2"))
        #expect(memo.count == 2)
    }

    @Test func whatTheSealerRefusesIsStillRefused() throws {
        let memo = OpenedSecrets()
        let sealed = try memo.seal(
            Secret("client-secret-value-1"), address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope,
            sealer: Self.sealer)
        func code(_ body: () throws -> Secret) -> StateError.Code? {
            do {
                _ = try body()
                return nil
            } catch {
                return (error as? StateError)?.code
            }
        }
        // Another field, address or state: the authenticated data differs.
        #expect(
            code {
                try memo.open(
                    sealed, address: "ioIntegrations.one", field: "privateKey", scope: Self.scope, sealer: Self.sealer)
            } == .sealedValueCorrupt)
        #expect(
            code {
                try memo.open(
                    sealed, address: "ioIntegrations.two", field: "clientSecret", scope: Self.scope,
                    sealer: Self.sealer)
            } == .sealedValueCorrupt)
        #expect(
            code {
                try memo.open(
                    sealed, address: "ioIntegrations.one", field: "clientSecret",
                    scope: SealScope(lineage: "lineage-2", workspace: "default"), sealer: Self.sealer)
            } == .sealedValueCorrupt)
        // Another key.
        #expect(
            code {
                try memo.open(
                    sealed, address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope,
                    sealer: SecretSealer(key: StateKey.generate()))
            } == .wrongStateKey)
        // Tampered bytes.
        var box = sealed.box
        box[box.count - 1] ^= 0x01
        let tampered = SealedSecret(keyID: sealed.keyID, box: box, aadVersion: sealed.aadVersion)
        #expect(
            code {
                try memo.open(
                    tampered, address: "ioIntegrations.one", field: "clientSecret", scope: Self.scope,
                    sealer: Self.sealer)
            } == .sealedValueCorrupt)
        #expect(memo.count == 1, "nothing that failed to open is remembered")
    }
}
