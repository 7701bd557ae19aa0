import Crypto
import Foundation
import _CryptoExtras

/// A compact JWS (`header.payload.signature`), decoded but not yet trusted.
///
/// IMS uses it to read the assertion of the JWT exchange; the AEM emulator uses ``signRS256(claims:privateKey:)``
/// to build the assertion from the IMS configuration and key stored in AEM, as a real AEM does.
public struct SandboxJWT: Sendable {
    /// The decoded header members.
    public var header: [String: SandboxJSON]
    /// The decoded claims.
    public var claims: [String: SandboxJSON]
    /// The bytes the signature covers (`base64url(header) + "." + base64url(payload)`).
    public var signingInput: Data
    /// The raw signature bytes.
    public var signature: Data

    /// Decodes a compact JWS; `nil` when it is not three base64url parts holding JSON objects.
    public init?(compact: String) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = Base64URL.decode(parts[0]),
            let payloadData = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = SandboxJSON.parse(headerData)?.objectValue,
            let claims = SandboxJSON.parse(payloadData)?.objectValue
        else { return nil }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// Signs `claims` with RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and returns the compact JWS, header
    /// `{"alg":"RS256","typ":"JWT"}` — what Adobe's libraries send to `/ims/exchange/jwt`.
    public static func signRS256(claims: [String: SandboxJSON], privateKey: _RSA.Signing.PrivateKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = try encoder.encode(["alg": "RS256", "typ": "JWT"])
        let payload = try encoder.encode(claims)
        let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try privateKey.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// Whether the signature is a valid RS256 signature of ``signingInput`` by `publicKey`.
    public func isValidRS256(for publicKey: _RSA.Signing.PublicKey) -> Bool {
        publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature),
            for: SHA256.hash(data: signingInput),
            padding: .insecurePKCS1v1_5
        )
    }
}
