/// `ioIntegrations.<name>`: a Developer Console integration (project credential) subscribed to Adobe Target.
public struct IOIntegration: Sendable, Hashable {
    /// The resource name (its key under `ioIntegrations`).
    public var name: String
    /// The integration's name in the Console (key `name`).
    public var integrationName: String
    /// The Console description (optional).
    public var description: String?
    /// The credential type.
    public var credential: CredentialType
    /// The API the credential is subscribed to.
    public var api: IntegrationAPI
    /// Product profiles (Target workspaces) the credential gets.
    public var productProfiles: [String]
    /// The key pair of a `jwt` credential; `nil` for OAuth Server-to-Server.
    public var certificate: CertificateSpec?
    /// An OAuth Server-to-Server client secret older than this many days is rotated (`nil`: only on request).
    public var rotateSecretEveryDays: Int?
    /// Explicit dependencies on other resources.
    public var dependsOn: [ResourceReference]
    /// Where the resource's key is written.
    public var location: SourceLocation

    /// The default product profile list.
    public static let defaultProductProfiles = ["Default Workspace"]

    /// Creates an integration.
    public init(
        name: String,
        integrationName: String,
        description: String? = nil,
        credential: CredentialType = .oauthServerToServer,
        api: IntegrationAPI = .adobeTarget,
        productProfiles: [String] = IOIntegration.defaultProductProfiles,
        certificate: CertificateSpec? = nil,
        rotateSecretEveryDays: Int? = nil,
        dependsOn: [ResourceReference] = [],
        location: SourceLocation = .unknown
    ) {
        self.name = name
        self.integrationName = integrationName
        self.description = description
        self.credential = credential
        self.api = api
        self.productProfiles = productProfiles
        self.certificate = certificate
        self.rotateSecretEveryDays = rotateSecretEveryDays
        self.dependsOn = dependsOn
        self.location = location
    }

    /// This resource's address.
    public var address: ResourceAddress { ResourceAddress(kind: .ioIntegration, name: name) }
}
