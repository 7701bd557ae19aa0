import AemconfModel
import Crypto
import Foundation
import _CryptoExtras

/// An RSA private key (2048 bits for IMS), opaque: it prints only its kind, never the key.
///
/// The encodings that reveal the key are named `revealed…` so every use can be found with one search.
public struct RSAKeyPair: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let privateKey: _RSA.Signing.PrivateKey

    /// Generates a new RSA-2048 key.
    public static func generate() throws -> RSAKeyPair {
        RSAKeyPair(privateKey: try _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    init(privateKey: _RSA.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// Reads a PEM-encoded private key, in either the PKCS#8 or the PKCS#1 (RSA) form.
    public init(pem: Secret) throws {
        do {
            self.privateKey = try pem.withRevealedValue { try _RSA.Signing.PrivateKey(pemRepresentation: $0) }
        } catch {
            throw CredentialError(.invalidKey, "the private key is not a readable RSA PEM key")
        }
    }

    /// The key size in bits.
    public var keySizeInBits: Int { privateKey.keySizeInBits }

    /// The private key as PKCS#8 PEM, the form IMS tooling expects.
    public var revealedPKCS8PEM: Secret { Secret(privateKey.pkcs8PEMRepresentation) }

    /// The private key as PKCS#8 DER, the `pk` part of AEM's keystore upload (aem.md §1.5).
    public func revealedPKCS8DER() -> [UInt8] { Array(privateKey.pkcs8DERRepresentation) }

    /// The public key as SubjectPublicKeyInfo PEM.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// Names the algorithm only.
    public var description: String { "RSA-\(keySizeInBits) private key" }
    /// Names the algorithm only.
    public var debugDescription: String { description }
}
