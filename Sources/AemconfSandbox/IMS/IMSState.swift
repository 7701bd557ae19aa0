import Crypto
import Foundation

/// The IMS slice of the sandbox state: the key that makes issued access tokens unforgeable, and the
/// rules for issuing them (ims.md).
///
/// Issued tokens are not stored: an access token is a JWT-shaped string whose signature is an HMAC under
/// ``tokenKey``, so validation is a pure function of the token, the clock and the console's credentials
/// (see ``IMSAuthority``).
public struct IMSState: Codable, Sendable {
    /// The key of the access tokens' HMAC-SHA256 signature (32 random bytes).
    public var tokenKey: Data
    /// The canonical IMS base URL; JWT `aud` and metascope keys may use it (ims.md §2.1).
    public var canonicalBaseURL: String
    /// Client ids that are not console credentials but may hold user tokens (the `aio` CLI).
    public var userClients: [String]
    /// Lifetime of issued access tokens, in seconds (24 h, ims.md §2.3, §3.2).
    public var tokenLifetime: TimeInterval
    /// The latest a JWT assertion may expire, counted from now, in seconds.
    public var maxAssertionLifetime: TimeInterval
    /// How many access tokens were issued (admin visibility).
    public var issuedCount: Int

    /// Creates the slice; a random token key unless one is given.
    public init(
        tokenKey: Data? = nil,
        canonicalBaseURL: String = "https://ims-na1.adobelogin.com",
        userClients: [String] = ["aio-cli-console-auth"],
        tokenLifetime: TimeInterval = 86_400,
        maxAssertionLifetime: TimeInterval = 86_400,
        issuedCount: Int = 0
    ) {
        self.tokenKey = tokenKey ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        self.canonicalBaseURL = canonicalBaseURL
        self.userClients = userClients
        self.tokenLifetime = tokenLifetime
        self.maxAssertionLifetime = maxAssertionLifetime
        self.issuedCount = issuedCount
    }

    private enum CodingKeys: String, CodingKey {
        case tokenKey, canonicalBaseURL, userClients, tokenLifetime, maxAssertionLifetime, issuedCount
    }

    /// Decodes a slice; every missing key takes its default, so a seed file may give only what it changes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = IMSState()
        tokenKey = try container.decodeIfPresent(Data.self, forKey: .tokenKey) ?? defaults.tokenKey
        canonicalBaseURL =
            try container.decodeIfPresent(String.self, forKey: .canonicalBaseURL)
            ?? defaults.canonicalBaseURL
        userClients = try container.decodeIfPresent([String].self, forKey: .userClients) ?? defaults.userClients
        tokenLifetime =
            try container.decodeIfPresent(TimeInterval.self, forKey: .tokenLifetime) ?? defaults.tokenLifetime
        maxAssertionLifetime =
            try container.decodeIfPresent(TimeInterval.self, forKey: .maxAssertionLifetime)
            ?? defaults.maxAssertionLifetime
        issuedCount = try container.decodeIfPresent(Int.self, forKey: .issuedCount) ?? 0
    }
}
