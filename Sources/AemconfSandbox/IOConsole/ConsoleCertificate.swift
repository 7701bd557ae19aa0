import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate uploaded to the console: parsed from PEM or DER, with the fingerprint and expiry the
/// console reports for a binding (adobe-io-console.md §4.4, ims.md §6).
public struct ConsoleCertificate: Sendable {
    /// The DER encoding.
    public var der: Data
    /// SHA-1 of the DER encoding, lowercase hex, no separators.
    public var fingerprint: String
    /// The certificate's `notAfter`.
    public var notAfter: Date
    /// The RSA public key.
    public var publicKey: _RSA.Signing.PublicKey

    /// Parses an upload (PEM text, or raw DER); `nil` when it is not an X.509 certificate with an RSA key.
    public init?(upload: Data) {
        let certificate: Certificate
        let der: Data
        if let text = String(data: upload, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----"),
            let parsed = try? Certificate(pemEncoded: text)
        {
            certificate = parsed
            var serializer = DER.Serializer()
            guard (try? serializer.serialize(parsed)) != nil else { return nil }
            der = Data(serializer.serializedBytes)
        } else if let parsed = try? Certificate(derEncoded: Array(upload)) {
            certificate = parsed
            der = upload
        } else {
            return nil
        }
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else { return nil }
        self.der = der
        self.fingerprint = SandboxHex.lowercase(Insecure.SHA1.hash(data: der))
        self.notAfter = certificate.notValidAfter
        self.publicKey = key
    }

    /// Parses a stored binding's certificate.
    public init?(binding: ConsoleBinding) {
        self.init(upload: binding.certificateDER)
    }
}
