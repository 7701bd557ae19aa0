/// A whole, valid aemconf config: the connection blocks and every resource, in document order.
///
/// Produced by ``ConfigLoader`` only when the config has no errors; build one in code for tests.
public struct Config: Sendable, Hashable {
    /// The config language version (1).
    public var version: Int
    /// The AEM author connection.
    public var aem: AemConnection
    /// The Adobe organization and endpoints.
    public var adobe: AdobeSettings
    /// `ioIntegrations`, in document order.
    public var ioIntegrations: [IOIntegration]
    /// `imsConfigurations`, in document order.
    public var imsConfigurations: [IMSConfiguration]
    /// `targetCloudServices`, in document order.
    public var targetCloudServices: [TargetCloudService]
    /// The files the config was read from, in load order.
    public var files: [String]

    /// The config language version this aemconf reads.
    public static let currentVersion = 1

    /// Creates a config.
    public init(
        version: Int = Config.currentVersion,
        aem: AemConnection,
        adobe: AdobeSettings,
        ioIntegrations: [IOIntegration] = [],
        imsConfigurations: [IMSConfiguration] = [],
        targetCloudServices: [TargetCloudService] = [],
        files: [String] = []
    ) {
        self.version = version
        self.aem = aem
        self.adobe = adobe
        self.ioIntegrations = ioIntegrations
        self.imsConfigurations = imsConfigurations
        self.targetCloudServices = targetCloudServices
        self.files = files
    }

    /// The integration named `name`.
    public func ioIntegration(named name: String) -> IOIntegration? {
        ioIntegrations.first { $0.name == name }
    }

    /// The IMS configuration named `name`.
    public func imsConfiguration(named name: String) -> IMSConfiguration? {
        imsConfigurations.first { $0.name == name }
    }

    /// The Target cloud service named `name`.
    public func targetCloudService(named name: String) -> TargetCloudService? {
        targetCloudServices.first { $0.name == name }
    }
}
