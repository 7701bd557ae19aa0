import AemconfModel

/// What `aemconf import --generate-config` found in the services: values, ready to be written as config.
public struct DiscoveredConfig: Sendable, Equatable {
    /// A console credential (OAuth Server-to-Server) in the config's project and workspace.
    public struct Integration: Sendable, Equatable {
        /// The resource name chosen for it.
        public var name: String
        /// The credential's name in the console.
        public var credentialName: String
        /// The credential (integration) id: what `aemconf import` takes.
        public var id: String
        /// Its client id.
        public var clientID: String
        /// Its Target product profiles, sorted.
        public var productProfiles: [String]

        /// Creates a value.
        public init(name: String, credentialName: String, id: String, clientID: String, productProfiles: [String]) {
            self.name = name
            self.credentialName = credentialName
            self.id = id
            self.clientID = clientID
            self.productProfiles = productProfiles
        }
    }

    /// An AEM IMS configuration pair.
    public struct IMSConfiguration: Sendable, Equatable {
        /// The resource name (the provider's `name`).
        public var name: String
        /// The provider PID: what `aemconf import` takes.
        public var pid: String
        /// The title.
        public var title: String
        /// The authorization server.
        public var authorizationServer: String?
        /// The client id.
        public var clientID: String
        /// The OAuth scopes, sorted.
        public var scopes: [String]
        /// The resource name of the discovered integration with the same client id, if any.
        public var integration: String?

        /// Creates a value.
        public init(
            name: String, pid: String, title: String, authorizationServer: String?, clientID: String, scopes: [String],
            integration: String?
        ) {
            self.name = name
            self.pid = pid
            self.title = title
            self.authorizationServer = authorizationServer
            self.clientID = clientID
            self.scopes = scopes
            self.integration = integration
        }
    }

    /// A Target cloud-service page.
    public struct CloudService: Sendable, Equatable {
        /// The resource name.
        public var name: String
        /// The page name under the cloud-services root: what `aemconf import` takes.
        public var pageName: String
        /// The attributes AEM lets aemconf read back (canonical names and values).
        public var attributes: [String: JSONValue]
        /// The resource name of the IMS configuration it uses.
        public var imsConfiguration: String

        /// Creates a value.
        public init(name: String, pageName: String, attributes: [String: JSONValue], imsConfiguration: String) {
            self.name = name
            self.pageName = pageName
            self.attributes = attributes
            self.imsConfiguration = imsConfiguration
        }
    }

    /// Integrations.
    public var integrations: [Integration] = []
    /// IMS configurations.
    public var imsConfigurations: [IMSConfiguration] = []
    /// Target cloud services.
    public var cloudServices: [CloudService] = []
    /// Objects found but not written, each with the reason.
    public var skipped: [String] = []

    /// Creates an empty value.
    public init() {}
}
