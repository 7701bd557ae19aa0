import AemconfModel
import Crypto
import Foundation

/// Seals and opens secret values with AES-256-GCM under one ``StateKey``.
public struct SecretSealer: Sendable, CustomStringConvertible {
    /// The key.
    public let key: StateKey

    /// Creates a sealer for `key`.
    public init(key: StateKey) {
        self.key = key
    }

    /// Seals `secret` for the field `field` of the resource at `address` of the state `scope` (a fresh nonce each
    /// time); the authenticated data binds all four (format version 2).
    public func seal(_ secret: Secret, address: String, field: String, scope: SealScope) throws -> SealedSecret {
        do {
            let box = try secret.withRevealedValue { value in
                try AES.GCM.seal(
                    Data(value.utf8),
                    using: key.symmetricKey,
                    nonce: AES.GCM.Nonce(),
                    authenticating: Self.associatedData(
                        version: SealedSecret.currentAADVersion, address: address, field: field, scope: scope
                    )
                )
            }
            guard let combined = box.combined else {
                throw StateError(.sealedValueCorrupt, "sealing the value of '\(address)' field '\(field)' failed")
            }
            return SealedSecret(keyID: key.id, box: combined, aadVersion: SealedSecret.currentAADVersion)
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError(.sealedValueCorrupt, "sealing the value of '\(address)' field '\(field)' failed")
        }
    }

    /// Seals in the legacy format 1 (address and field only, no state): what aemconf wrote before states were
    /// bound into the authenticated data. Only for tests of the migration; never used to write state.
    public func sealInLegacyFormat(_ secret: Secret, address: String, field: String) throws -> SealedSecret {
        let box = try secret.withRevealedValue { value in
            try AES.GCM.seal(
                Data(value.utf8),
                using: key.symmetricKey,
                nonce: AES.GCM.Nonce(),
                authenticating: Self.associatedData(
                    version: 1, address: address, field: field, scope: SealScope(lineage: "", workspace: "")
                )
            )
        }
        guard let combined = box.combined else {
            throw StateError(.sealedValueCorrupt, "sealing the value of '\(address)' field '\(field)' failed")
        }
        return SealedSecret(keyID: key.id, box: combined, aadVersion: 1)
    }

    /// Opens a value sealed for `address`/`field` of the state `scope`; a value sealed under another key fails with
    /// ``StateError/Code/wrongStateKey``, one sealed for another state, address or field with
    /// ``StateError/Code/sealedValueCorrupt``. A legacy value (format 1) is opened with the address and field only.
    public func open(_ sealed: SealedSecret, address: String, field: String, scope: SealScope) throws -> Secret {
        guard sealed.keyID == key.id else {
            throw StateError(
                .wrongStateKey,
                "the value of '\(address)' field '\(field)' was sealed under state key '\(sealed.keyID)', "
                    + "but the given key is '\(key.id)'; pass the key it was sealed with "
                    + "(\(StateKey.environmentVariable) or '--state-key-file')"
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.box)
            let plaintext = try AES.GCM.open(
                box,
                using: key.symmetricKey,
                authenticating: Self.associatedData(
                    version: sealed.aadVersion, address: address, field: field, scope: scope
                )
            )
            return Secret(String(decoding: plaintext, as: UTF8.self))
        } catch {
            throw StateError(
                .sealedValueCorrupt,
                "the sealed value of '\(address)' field '\(field)' failed authentication in \(scope) "
                    + "(tampered, or moved from another field or state)"
            )
        }
    }

    /// Re-seals every sealed field of `secrets` (of the state `scope`) from `self`'s key to `newSealer`'s; fields
    /// already under the new key in the current format are kept, legacy (format 1) values are re-sealed under
    /// format 2 even when the key does not change; returns the new map and how many values changed.
    public func reseal(
        _ secrets: [String: StoredSecret],
        address: String,
        scope: SealScope,
        under newSealer: SecretSealer
    ) throws -> (secrets: [String: StoredSecret], count: Int) {
        var result = secrets
        var count = 0
        for (field, stored) in secrets {
            guard let sealed = stored.sealedValue, sealed.keyID != newSealer.key.id || sealed.isLegacy else { continue }
            let opener = sealed.keyID == newSealer.key.id ? newSealer : self
            let secret = try opener.open(sealed, address: address, field: field, scope: scope)
            result[field] = .sealed(try newSealer.seal(secret, address: address, field: field, scope: scope))
            count += 1
        }
        return (result, count)
    }

    /// `SecretSealer(StateKey(…))`.
    public var description: String { "SecretSealer(\(key))" }

    private static func associatedData(version: Int, address: String, field: String, scope: SealScope) -> Data {
        if version <= 1 {
            return Data("aemconf-sealed-v1\u{0}\(address)\u{0}\(field)".utf8)
        }
        return Data(
            "aemconf-sealed-v\(version)\u{0}\(scope.lineage)\u{0}\(scope.workspace)\u{0}\(address)\u{0}\(field)".utf8
        )
    }
}
