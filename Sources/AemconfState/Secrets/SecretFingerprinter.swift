import AemconfModel
import Crypto
import Foundation

/// Computes keyed fingerprints of secret values for change detection.
///
/// The HMAC-SHA256 key is a random 32-byte salt drawn when the state (lineage) is created and stored in the
/// state row, so fingerprints need no user key and two states never share fingerprints for one value. It is
/// not a secret from someone who can read the database: low-entropy values could be guessed offline there,
/// which is why values that matter are sealed instead (``SecretSealer``). `state pull` does not export it.
public struct SecretFingerprinter: Sendable, Hashable, CustomStringConvertible {
    /// The HMAC key (32 random bytes).
    public let salt: Data

    /// Wraps a stored salt.
    public init(salt: Data) {
        self.salt = salt
    }

    /// A new random salt.
    public static func random() -> SecretFingerprinter {
        SecretFingerprinter(salt: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// The fingerprint of `secret`.
    public func fingerprint(_ secret: Secret) -> SecretFingerprint {
        let mac = secret.withRevealedValue { value in
            HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: salt))
        }
        return SecretFingerprint(value: "hmac-sha256:" + Data(mac).map { String(format: "%02x", $0) }.joined())
    }

    /// Whether `secret` has the fingerprint `fingerprint`.
    public func matches(_ secret: Secret, _ fingerprint: SecretFingerprint) -> Bool {
        self.fingerprint(secret) == fingerprint
    }

    /// Never prints the salt.
    public var description: String { "SecretFingerprinter(hmac-sha256)" }
}
