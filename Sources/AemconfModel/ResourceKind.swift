/// The kinds of resources a config declares, named by their top-level key.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `ioIntegrations.<name>`: a Developer Console project/credential subscribed to Adobe Target.
    case ioIntegration = "ioIntegrations"
    /// `imsConfigurations.<name>`: an AEM IMS technical-account configuration.
    case imsConfiguration = "imsConfigurations"
    /// `targetCloudServices.<name>`: an AEM legacy cloud service for Adobe Target.
    case targetCloudService = "targetCloudServices"

    /// The top-level key holding resources of this kind.
    public var collectionKey: String { rawValue }

    /// How messages name a resource of this kind ("target cloud service").
    public var displayName: String {
        switch self {
        case .ioIntegration: "io integration"
        case .imsConfiguration: "ims configuration"
        case .targetCloudService: "target cloud service"
        }
    }

    /// Orders kinds in the order they are applied: integrations, IMS configurations, cloud services.
    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        lhs.applyOrder < rhs.applyOrder
    }

    private var applyOrder: Int {
        switch self {
        case .ioIntegration: 0
        case .imsConfiguration: 1
        case .targetCloudService: 2
        }
    }
}
