import Foundation

/// A credential (integration): Service Account (JWT) or OAuth Server-to-Server (adobe-io-console.md §4).
public struct ConsoleCredential: Codable, Sendable {
    /// The two credential kinds.
    public enum Kind: String, Codable, Sendable {
        /// Service Account (JWT), `integration_type` `service`, path segment `entp`.
        case jwt
        /// OAuth Server-to-Server, `integration_type` `oauth_server_to_server`.
        case oauthServerToServer
    }

    /// Integration id (`id_integration`).
    public var id: String
    /// AMS id of the owning organization.
    public var orgID: String
    /// Owning project, when created in a workspace.
    public var projectID: String?
    /// Owning workspace, when created in a workspace.
    public var workspaceID: String?
    /// Name (6–25 characters, unique in the organization).
    public var name: String
    /// Description.
    public var description: String
    /// JWT or OAuth Server-to-Server.
    public var kind: Kind
    /// Client id, also the API key.
    public var clientID: String
    /// Technical account id, `…@techacct.adobe.com`.
    public var technicalAccountID: String
    /// Technical account e-mail.
    public var technicalAccountEmail: String
    /// Client secrets (at most ``ConsolePolicy/maxClientSecrets``).
    public var secrets: [ConsoleClientSecret]
    /// Certificate bindings (JWT).
    public var bindings: [ConsoleBinding]
    /// Service subscriptions with their product profiles.
    public var subscriptions: [ConsoleSubscription]
    /// Creation time.
    public var createdAt: Date
    /// Last modification time.
    public var modifiedAt: Date

    /// Creates a credential.
    public init(
        id: String, orgID: String, projectID: String?, workspaceID: String?, name: String,
        description: String, kind: Kind, clientID: String, technicalAccountID: String,
        technicalAccountEmail: String, secrets: [ConsoleClientSecret], bindings: [ConsoleBinding] = [],
        subscriptions: [ConsoleSubscription] = [], createdAt: Date
    ) {
        self.id = id
        self.orgID = orgID
        self.projectID = projectID
        self.workspaceID = workspaceID
        self.name = name
        self.description = description
        self.kind = kind
        self.clientID = clientID
        self.technicalAccountID = technicalAccountID
        self.technicalAccountEmail = technicalAccountEmail
        self.secrets = secrets
        self.bindings = bindings
        self.subscriptions = subscriptions
        self.createdAt = createdAt
        self.modifiedAt = createdAt
    }

    /// Whether this is a JWT credential Adobe has converted to OAuth Server-to-Server by `now` (ims.md §5): IMS
    /// then grants it `client_credentials` tokens, and the console shows it as migrated
    /// (``SandboxAssumptions/Item/consoleJWTConversionView``).
    public func isConverted(_ policy: ConsolePolicy, at now: Date) -> Bool {
        kind == .jwt && now >= policy.jwtConversion
    }

    /// The `integration_type` the console reports: `service` (JWT), `oauth_server_to_server`, or for a converted
    /// JWT credential `oauth_server_to_server_migrate`.
    public func integrationType(_ policy: ConsolePolicy, at now: Date) -> String {
        if isConverted(policy, at: now) { return "oauth_server_to_server_migrate" }
        return kind == .jwt ? "service" : "oauth_server_to_server"
    }

    /// Whether `secret` is one of the credential's client secrets (constant-time per secret).
    public func hasSecret(_ secret: String) -> Bool {
        var found = false
        for candidate in secrets where ConsoleCredential.constantTimeEquals(candidate.value, secret) {
            found = true
        }
        return found
    }

    /// The product profile ids subscribed for service `sdkCode`.
    public func licenseConfigIDs(sdkCode: String) -> [String] {
        subscriptions.first { $0.sdkCode == sdkCode }?.licenseConfigIDs ?? []
    }

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// One client secret of a credential.
public struct ConsoleClientSecret: Codable, Sendable {
    /// Secret id.
    public var uuid: String
    /// The secret value (returned in plain only by the POST that creates it, and in the workspace download).
    public var value: String
    /// Creation time.
    public var createdAt: Date
    /// Last use in a token request.
    public var lastUsedAt: Date?
    /// Grant type of the last use.
    public var lastGrantType: String?

    /// Creates a secret.
    public init(uuid: String, value: String, createdAt: Date) {
        self.uuid = uuid
        self.value = value
        self.createdAt = createdAt
    }

    /// A new random secret (`p8e-` followed by 32 random characters, the shape of console secrets).
    public static func generate(at now: Date) -> ConsoleClientSecret {
        let body = SandboxRandom.string(32, alphabet: SandboxRandom.secretCharacters)
        return ConsoleClientSecret(uuid: SandboxRandom.uuid(), value: "p8e-" + body, createdAt: now)
    }
}

/// A certificate bound to a JWT credential (adobe-io-console.md §4.4).
public struct ConsoleBinding: Codable, Sendable {
    /// Binding id.
    public var id: String
    /// The DER certificate.
    public var certificateDER: Data
    /// SHA-1 of the DER certificate, lowercase hex.
    public var fingerprint: String
    /// The certificate's expiry.
    public var notAfter: Date

    /// Creates a binding.
    public init(id: String, certificateDER: Data, fingerprint: String, notAfter: Date) {
        self.id = id
        self.certificateDER = certificateDER
        self.fingerprint = fingerprint
        self.notAfter = notAfter
    }
}

/// A credential's subscription to one service, with the product profiles chosen.
public struct ConsoleSubscription: Codable, Sendable {
    /// The service's SDK code, e.g. `AdobeTargetSDK`.
    public var sdkCode: String
    /// The product profile (`licenseConfigs`) ids.
    public var licenseConfigIDs: [String]

    /// Creates a subscription.
    public init(sdkCode: String, licenseConfigIDs: [String]) {
        self.sdkCode = sdkCode
        self.licenseConfigIDs = licenseConfigIDs
    }
}
