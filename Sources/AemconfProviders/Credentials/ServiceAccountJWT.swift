import AemconfModel
import Foundation
import JWTKit

/// The claims of an IMS service-account (JWT) assertion, ims.md §2.1, and their RS256 signing.
///
/// `exp` is integer seconds (now + 300 s, as Adobe's libraries do), `iss` the IMS org id,
/// `sub` the technical account id, `aud` `{ims}/c/{client_id}`, one `{ims}/s/{metascope}: true`
/// claim per metascope.
public struct ServiceAccountJWT: Sendable, Equatable {
    /// The IMS org id, `…@AdobeOrg`.
    public var organizationID: String
    /// The technical account id, `…@techacct.adobe.com`.
    public var technicalAccountID: String
    /// The client id (API key).
    public var clientID: String
    /// The IMS base URL, e.g. `https://ims-na1.adobelogin.com`.
    public var imsBaseURL: String
    /// Metascope names (`ent_marketing_sdk`) or full claim URLs.
    public var metascopes: [String]
    /// How long the assertion is valid.
    public var lifetime: TimeInterval

    /// Creates the claims; `lifetime` defaults to 300 s.
    public init(
        organizationID: String,
        technicalAccountID: String,
        clientID: String,
        imsBaseURL: String,
        metascopes: [String],
        lifetime: TimeInterval = 300
    ) {
        self.organizationID = organizationID
        self.technicalAccountID = technicalAccountID
        self.clientID = clientID
        var base = imsBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.imsBaseURL = base
        self.metascopes = metascopes
        self.lifetime = lifetime
    }

    /// The `aud` claim.
    public var audience: String { "\(imsBaseURL)/c/\(clientID)" }

    /// The metascope claim keys.
    public var metascopeClaims: [String] {
        metascopes.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : "\(imsBaseURL)/s/\($0)" }
    }

    /// The payload issued at `now`.
    public func payload(now: Date) -> Payload {
        Payload(
            exp: Int(now.timeIntervalSince1970 + lifetime),
            iss: organizationID,
            sub: technicalAccountID,
            aud: audience,
            metascopes: metascopeClaims
        )
    }

    /// Signs the payload with RS256; the result is a secret.
    public func sign(with key: RSAKeyPair, now: Date) async throws -> Secret {
        guard !metascopes.isEmpty else {
            throw CredentialError(.invalidInput, "a service-account JWT needs at least one metascope")
        }
        do {
            let keys = JWTKeyCollection()
            await keys.add(rsa: try Insecure.RSA.PrivateKey(backing: key.privateKey), digestAlgorithm: .sha256)
            return Secret(try await keys.sign(payload(now: now)))
        } catch {
            throw CredentialError(.signing, "the JWT for client '\(clientID)' could not be signed")
        }
    }

    /// The JSON claims; metascope keys are dynamic.
    public struct Payload: JWTPayload, Equatable {
        /// Expiry, integer seconds since the epoch.
        public var exp: Int
        /// IMS org id.
        public var iss: String
        /// Technical account id.
        public var sub: String
        /// Audience.
        public var aud: String
        /// Metascope claim keys, each encoded with the value `true`.
        public var metascopes: [String]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(exp: Int, iss: String, sub: String, aud: String, metascopes: [String]) {
            self.exp = exp
            self.iss = iss
            self.sub = sub
            self.aud = aud
            self.metascopes = metascopes
        }

        /// Encodes the fixed claims and one `true` per metascope.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(exp, forKey: Key("exp"))
            try container.encode(iss, forKey: Key("iss"))
            try container.encode(sub, forKey: Key("sub"))
            try container.encode(aud, forKey: Key("aud"))
            for scope in metascopes { try container.encode(true, forKey: Key(scope)) }
        }

        /// Decodes claims; keys with the value `true` that are URLs become metascopes.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            exp = try container.decode(Int.self, forKey: Key("exp"))
            iss = try container.decode(String.self, forKey: Key("iss"))
            sub = try container.decode(String.self, forKey: Key("sub"))
            aud = try container.decode(String.self, forKey: Key("aud"))
            metascopes = container.allKeys.map(\.stringValue)
                .filter { $0.contains("/s/") && ((try? container.decode(Bool.self, forKey: Key($0))) == true) }
                .sorted()
        }

        /// Nothing to verify on the client side.
        public func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
