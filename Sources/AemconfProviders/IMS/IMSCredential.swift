import AemconfModel

/// The credential a token is obtained with: OAuth Server-to-Server, or a legacy service account (JWT).
public enum IMSCredential: Sendable, CustomStringConvertible {
    /// OAuth Server-to-Server: `client_credentials` at `/ims/token/v3` (ims.md §3).
    case oauthServerToServer(clientID: String, clientSecret: Secret, scopes: [String])
    /// Service account: a signed JWT exchanged at `/ims/exchange/jwt` (ims.md §2).
    case serviceAccount(clientID: String, clientSecret: Secret, claims: ServiceAccountJWT, privateKey: RSAKeyPair)

    /// The client id (API key).
    public var clientID: String {
        switch self {
        case .oauthServerToServer(let clientID, _, _): clientID
        case .serviceAccount(let clientID, _, _, _): clientID
        }
    }

    /// Names the kind and client id only.
    public var description: String {
        switch self {
        case .oauthServerToServer(let clientID, _, _): "OAuth server-to-server credential '\(clientID)'"
        case .serviceAccount(let clientID, _, _, _): "service account (JWT) credential '\(clientID)'"
        }
    }
}
