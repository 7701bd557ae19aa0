/// The kind of Developer Console credential an I/O integration uses.
public enum CredentialType: String, ConfigEnumeration {
    /// OAuth Server-to-Server (`client_credentials`), Adobe's current credential. The default.
    case oauthServerToServer = "oauth-server-to-server"
    /// The legacy service-account (JWT) credential; needs a `certificate` block. End of life 2025-06-30.
    case jwt
}
