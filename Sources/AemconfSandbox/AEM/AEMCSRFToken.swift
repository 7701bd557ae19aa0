import Crypto
import Foundation

/// The Granite CSRF token (aem.md §0.2): an HS256 JWT bound to the user, valid
/// ``SandboxAssumptions/csrfTokenLifetimeSeconds`` on the sandbox clock.
enum AEMCSRFToken {
    static func issue(for userId: String, key: String, at now: Date) -> String {
        let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let issued = Int64(now.timeIntervalSince1970)
        let expires = issued + Int64(SandboxAssumptions.csrfTokenLifetimeSeconds)
        let payloadJSON = #"{"exp":\#(expires),"iat":\#(issued),"sub":\#(AEMJSONWriter.quote(userId))}"#
        let payload = Base64URL.encode(Data(payloadJSON.utf8))
        let input = header + "." + payload
        let signature = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: symmetricKey(key))
        return input + "." + Base64URL.encode(Data(signature))
    }

    /// Whether `token` was issued by this AEM to `userId` and has not expired.
    static func isValid(_ token: String, for userId: String, key: String, at now: Date) -> Bool {
        guard let claims = verifiedClaims(token, key: key) else { return false }
        return claims.subject == userId && Int64(now.timeIntervalSince1970) < claims.expires
    }

    /// Tokens whose signature and claims were already read (a client sends one token with many requests).
    private static let verified = SandboxVerifiedTokens<Claims>()

    private struct Claims: Sendable {
        var subject: String
        var expires: Int64
    }

    /// The subject and expiry of `token` if it is signed under `key`.
    private static func verifiedClaims(_ token: String, key: String) -> Claims? {
        let keyData = Data(key.utf8)
        if let claims = verified.lookup(token, key: keyData) { return claims }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]) else { return nil }
        let input = Data((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: symmetricKey(key)),
            let payloadData = Base64URL.decode(parts[1]),
            let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
            let expires = (payload["exp"] as? NSNumber)?.int64Value,
            let subject = payload["sub"] as? String
        else { return nil }
        let claims = Claims(subject: subject, expires: expires)
        verified.store(token, key: keyData, payload: claims)
        return claims
    }

    private static func symmetricKey(_ key: String) -> SymmetricKey {
        SymmetricKey(data: Data(base64Encoded: key) ?? Data(key.utf8))
    }
}
