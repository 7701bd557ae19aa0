import AemconfModel

/// One IMS configuration in AEM: the OSGi pair of access-token provider and request customizer (aem.md §2.1).
///
/// A value: ``providerProperties`` and ``customizerProperties`` compute what configMgr is sent, for
/// the legacy JWT flow and for OAuth server-to-server (SP20+).
public struct AEMIMSConfiguration: Sendable, CustomStringConvertible {
    /// How the configuration authenticates.
    public enum Authentication: Sendable, Equatable {
        /// Service account (JWT): the key pair alias in the `authentication-service` keystore.
        case jwt(keypairAlias: String, technicalAccountID: String, metascopes: [String])
        /// OAuth server-to-server (`client_credentials`).
        case oauthServerToServer(scopes: [String])
    }

    /// The provider's `name` and the key aemconf finds the pair by.
    public var name: String
    /// `auth.token.provider.title`.
    public var title: String
    /// `auth.token.provider.endpoint`, e.g. `https://ims-na1.adobelogin.com`.
    public var authorizationServer: String
    /// `auth.token.provider.client.id`.
    public var clientID: String
    /// The customizer's `auth.ims.client.secret`.
    public var clientSecret: Secret
    /// The IMS org id, `…@AdobeOrg`.
    public var organizationID: String
    /// JWT or OAuth.
    public var authentication: Authentication

    /// Creates a configuration value.
    public init(
        name: String,
        title: String,
        authorizationServer: String,
        clientID: String,
        clientSecret: Secret,
        organizationID: String,
        authentication: Authentication
    ) {
        self.name = name
        self.title = title
        var server = authorizationServer
        while server.hasSuffix("/") { server.removeLast() }
        self.authorizationServer = server
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.organizationID = organizationID
        self.authentication = authentication
    }

    /// The shared `customizer.type` / `token.request.customizer.type` linking the pair.
    public var customizerType: String { "aemconf-\(name)" }

    /// Names the configuration only.
    public var description: String { "IMS configuration '\(name)'" }

    /// The provider's properties in order; array properties have several values.
    public var providerProperties: [(name: String, values: [String])] {
        var properties: [(name: String, values: [String])] = [
            ("name", [name]),
            ("auth.token.provider.title", [title]),
            ("auth.token.provider.endpoint", [authorizationServer]),
            ("auth.token.provider.client.id", [clientID]),
            ("auth.token.provider.reuse.access.token", ["true"]),
            ("token.request.customizer.type", [customizerType]),
        ]
        switch authentication {
        case .jwt(let alias, let technicalAccountID, let metascopes):
            let claims = ServiceAccountJWT(
                organizationID: organizationID,
                technicalAccountID: technicalAccountID,
                clientID: clientID,
                imsBaseURL: authorizationServer,
                metascopes: metascopes
            )
            var claimLines = [
                Self.claim("iss", organizationID), Self.claim("sub", technicalAccountID),
                Self.claim("aud", claims.audience),
            ]
            claimLines += claims.metascopeClaims.map { "\"\($0)\" : true" }
            properties += [
                ("auth.token.provider.default.claims", claimLines),
                (
                    "auth.access.token.request",
                    [authorizationServer + ServiceAssumptions.aemJWTAccessTokenRequestSuffix]
                ),
                ("auth.token.provider.keypair.alias", [alias]),
            ]
        case .oauthServerToServer(let scopes):
            properties += [
                ("auth.token.provider.default.claims", [Self.claim("iss", organizationID)]),
                (
                    "auth.access.token.request",
                    [authorizationServer + ServiceAssumptions.aemOAuthAccessTokenRequestSuffix]
                ),
                ("auth.token.provider.authorization.grants", ["client_credentials"]),
                ("auth.token.provider.orgId", [organizationID]),
                ("auth.token.provider.scope", [scopes.joined(separator: ",")]),
            ]
        }
        return properties
    }

    /// The customizer's non-secret properties; the secret goes separately.
    public var customizerProperties: [(name: String, values: [String])] {
        [("customizer.type", [customizerType])]
    }

    /// The customizer property holding the client secret.
    public static let clientSecretProperty = "auth.ims.client.secret"

    private static func claim(_ key: String, _ value: String) -> String { "\"\(key)\" : \"\(value)\"" }
}

/// The PIDs of one IMS configuration pair in AEM.
public struct AEMIMSConfigurationIDs: Sendable, Equatable, Codable {
    /// The access-token provider PID.
    public var providerPID: String
    /// The request customizer PID.
    public var customizerPID: String

    /// Creates the pair.
    public init(providerPID: String, customizerPID: String) {
        self.providerPID = providerPID
        self.customizerPID = customizerPID
    }
}
