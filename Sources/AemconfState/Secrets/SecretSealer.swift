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

    /// Seals `secret` for the field `field` of the resource at `address` (a fresh nonce each time).
    public func seal(_ secret: Secret, address: String, field: String) throws -> SealedSecret {
        do {
            let box = try secret.withRevealedValue { value in
                try AES.GCM.seal(
                    Data(value.utf8),
                    using: key.symmetricKey,
                    nonce: AES.GCM.Nonce(),
                    authenticating: Self.associatedData(address: address, field: field)
                )
            }
            guard let combined = box.combined else {
                throw StateError(.sealedValueCorrupt, "sealing the value of '\(address)' field '\(field)' failed")
            }
            return SealedSecret(keyID: key.id, box: combined)
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError(.sealedValueCorrupt, "sealing the value of '\(address)' field '\(field)' failed")
        }
    }

    /// Opens a value sealed for `address`/`field`; a value sealed under another key fails with ``StateError/Code/wrongStateKey``.
    public func open(_ sealed: SealedSecret, address: String, field: String) throws -> Secret {
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
                authenticating: Self.associatedData(address: address, field: field)
            )
            return Secret(String(decoding: plaintext, as: UTF8.self))
        } catch {
            throw StateError(
                .sealedValueCorrupt,
                "the sealed value of '\(address)' field '\(field)' failed authentication (tampered or moved)"
            )
        }
    }

    /// Re-seals every sealed field of `secrets` from `self`'s key to `newSealer`'s; fields already under the new
    /// key are kept; returns the new map and how many values changed.
    public func reseal(
        _ secrets: [String: StoredSecret],
        address: String,
        under newSealer: SecretSealer
    ) throws -> (secrets: [String: StoredSecret], count: Int) {
        var result = secrets
        var count = 0
        for (field, stored) in secrets {
            guard let sealed = stored.sealedValue, sealed.keyID != newSealer.key.id else { continue }
            let secret = try open(sealed, address: address, field: field)
            result[field] = .sealed(try newSealer.seal(secret, address: address, field: field))
            count += 1
        }
        return (result, count)
    }

    /// `SecretSealer(StateKey(…))`.
    public var description: String { "SecretSealer(\(key))" }

    private static func associatedData(address: String, field: String) -> Data {
        Data("aemconf-sealed-v1\u{0}\(address)\u{0}\(field)".utf8)
    }
}
