/// `imsConfigurations.<name>`: an AEM IMS technical-account configuration ("Adobe IMS Configurations").
///
/// Its credential comes either from an aemconf-managed `integration` or, for a credential managed
/// elsewhere, from `clientId` + `clientSecret` (+ `scopes`), OAuth Server-to-Server only.
public struct IMSConfiguration: Sendable, Hashable {
    /// The resource name (its key under `imsConfigurations`).
    public var name: String
    /// The configuration's title in AEM.
    public var title: String
    /// The cloud solution ("Cloud Configuration").
    public var cloudSolution: CloudSolution
    /// The authorization server; `nil` means `adobe.endpoints.ims`.
    public var authorizationServer: String?
    /// The I/O integration that supplies API key, client secret and payload.
    public var integration: ResourceReference?
    /// API key of an externally managed credential.
    public var clientId: String?
    /// Client secret of an externally managed credential.
    public var clientSecret: SecretReference?
    /// Scopes of an externally managed credential (empty: the Target defaults).
    public var scopes: [String]
    /// Explicit dependencies on other resources.
    public var dependsOn: [ResourceReference]
    /// Where the resource's key is written.
    public var location: SourceLocation

    /// Creates an IMS configuration.
    public init(
        name: String,
        title: String,
        cloudSolution: CloudSolution = .adobeTarget,
        authorizationServer: String? = nil,
        integration: ResourceReference? = nil,
        clientId: String? = nil,
        clientSecret: SecretReference? = nil,
        scopes: [String] = [],
        dependsOn: [ResourceReference] = [],
        location: SourceLocation = .unknown
    ) {
        self.name = name
        self.title = title
        self.cloudSolution = cloudSolution
        self.authorizationServer = authorizationServer
        self.integration = integration
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.dependsOn = dependsOn
        self.location = location
    }

    /// This resource's address.
    public var address: ResourceAddress { ResourceAddress(kind: .imsConfiguration, name: name) }
}
