import AemconfModel
import Crypto
import Foundation

/// Computes keyed fingerprints of secret values for change detection.
///
/// With a state key (``derived(key:lineage:salt:)``), the HMAC-SHA256 key is derived from the state key with HKDF
/// (salt: the state's random 32-byte salt; info: the lineage), so the database alone — salt and fingerprints —
/// reveals nothing that can be checked against a guess: a low-entropy value fingerprinted there cannot be found
/// with a dictionary without the key. Without a state key (``init(salt:)``, the legacy form) the HMAC key is the
/// salt itself, stored beside the fingerprints: anyone who reads the database can test guesses, so such states
/// should hold only high-entropy secrets (aemconf fingerprints only generated client secrets; the AEM password
/// is never fingerprinted). `state pull` exports neither the salt nor the key.
public struct SecretFingerprinter: Sendable, Hashable, CustomStringConvertible {
    /// The state's random salt (32 bytes), stored in the state row.
    public let salt: Data
    /// Whether the HMAC key is derived from a state key (else it is the salt).
    public let isKeyed: Bool
    private let hmacKey: Data

    /// The legacy fingerprinter keyed by the stored salt alone (a state without a state key).
    public init(salt: Data) {
        self.salt = salt
        self.isKeyed = false
        self.hmacKey = salt
    }

    private init(salt: Data, derivedKey: Data) {
        self.salt = salt
        self.isKeyed = true
        self.hmacKey = derivedKey
    }

    /// The fingerprinter of a state with a state key: HMAC key = HKDF-SHA256(state key, salt, "aemconf-fingerprint-v2" ‖ lineage).
    public static func derived(key: StateKey, lineage: String, salt: Data) -> SecretFingerprinter {
        let derivedKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key.symmetricKey,
            salt: salt,
            info: Data("aemconf-fingerprint-v2\u{0}\(lineage)".utf8),
            outputByteCount: 32
        )
        return SecretFingerprinter(salt: salt, derivedKey: derivedKey.withUnsafeBytes { Data($0) })
    }

    /// A new random salt.
    public static func random() -> SecretFingerprinter {
        SecretFingerprinter(salt: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// This state's fingerprinter keyed by `key` (with `lineage`), or `self` without a key.
    public func keyed(by key: StateKey?, lineage: String) -> SecretFingerprinter {
        guard let key else { return self }
        return .derived(key: key, lineage: lineage, salt: salt)
    }

    /// The fingerprint of `secret`.
    public func fingerprint(_ secret: Secret) -> SecretFingerprint {
        let mac = secret.withRevealedValue { value in
            HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: hmacKey))
        }
        return SecretFingerprint(value: "hmac-sha256:" + Hex.encode(Data(mac)))
    }

    /// Whether `secret` has the fingerprint `fingerprint`.
    public func matches(_ secret: Secret, _ fingerprint: SecretFingerprint) -> Bool {
        self.fingerprint(secret) == fingerprint
    }

    /// Never prints the salt or the key.
    public var description: String {
        isKeyed ? "SecretFingerprinter(hmac-sha256, state key)" : "SecretFingerprinter(hmac-sha256)"
    }
}
