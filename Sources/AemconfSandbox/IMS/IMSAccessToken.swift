import Foundation

/// What a valid access token says: who it was issued to, for which scopes, until when.
public struct IMSAccessToken: Sendable, Equatable {
    /// Token id.
    public var id: String
    /// The client (API key) the token was issued to.
    public var clientID: String
    /// Technical account id (service tokens) or user id (user tokens).
    public var userID: String
    /// Granted scopes.
    public var scopes: [String]
    /// Issue time.
    public var createdAt: Date
    /// Expiry time.
    public var expiresAt: Date

    /// Creates token claims.
    public init(id: String, clientID: String, userID: String, scopes: [String], createdAt: Date, expiresAt: Date) {
        self.id = id
        self.clientID = clientID
        self.userID = userID
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A token IMS issued, as the token endpoints answer it.
public struct IMSTokenGrant: Sendable {
    /// The access token string.
    public var accessToken: String
    /// `bearer`.
    public var tokenType: String
    /// `expires_in` as the endpoint reports it: milliseconds for the JWT exchange, seconds for `/ims/token/v3`.
    public var expiresIn: Int64
    /// The claims of the token.
    public var token: IMSAccessToken
}

/// Why an access token is refused by a service.
public enum IMSTokenRejection: String, Error, Sendable, Equatable {
    /// Not a token this IMS could have issued (not three parts, undecodable payload, wrong type).
    case malformed
    /// The signature does not verify: forged or altered.
    case forged
    /// Past its expiry on the sandbox clock.
    case expired
    /// Issued to a client that no longer exists.
    case unknownClient
    /// Issued to another client than the API key sent with it.
    case otherClient

    /// Stable code.
    public var code: String { rawValue }
}

/// The payload of an issued access token, shaped like Adobe's (ims.md §2.3): times are milliseconds as strings.
struct IMSTokenPayload: Codable, Sendable {
    var id: String
    var type: String
    var client_id: String
    var user_id: String
    var `as`: String
    var sid: String
    var created_at: String
    var expires_in: String
    var scope: String
}
