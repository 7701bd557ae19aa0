/// `targetCloudServices.<name>`: an AEM legacy cloud service configuration for Adobe Target
/// (`/etc/cloudservices/testandtarget/<pageName>`).
public struct TargetCloudService: Sendable, Hashable {
    /// The resource name (its key under `targetCloudServices`).
    public var name: String
    /// The configuration's title.
    public var title: String
    /// The page name in AEM (key `name`); `nil` means derived from the title, as AEM's dialog does.
    public var pageName: String?
    /// The page template.
    public var template: String
    /// The Target client code.
    public var clientCode: String
    /// The Target tenant id; `nil` means the client code.
    public var tenantId: String?
    /// How the cloud service authenticates.
    public var authentication: TargetAuthentication
    /// The IMS configuration it authenticates with.
    public var imsConfiguration: ResourceReference
    /// The Target API type.
    public var apiType: TargetAPIType
    /// Path of the A4T Analytics cloud configuration (optional).
    public var a4tAnalyticsConfiguration: String?
    /// "Use accurate targeting".
    public var accurateTargeting: Bool
    /// Segment synchronisation; `nil` when off.
    public var segmentSync: SegmentSync?
    /// The client library AEM delivers.
    public var clientLibrary: ClientLibrary
    /// The tag management system delivering the client library.
    public var tagManagement: TagManagement
    /// Path of a custom AT.js file, resolved against the config file's directory.
    public var customAtJs: String?
    /// Explicit dependencies on other resources.
    public var dependsOn: [ResourceReference]
    /// Where the resource's key is written.
    public var location: SourceLocation

    /// The template AEM's "Adobe Target Configuration" uses.
    public static let defaultTemplate = "/libs/cq/analytics/templates/testandtarget"

    /// Creates a cloud service.
    public init(
        name: String,
        title: String,
        pageName: String? = nil,
        template: String = TargetCloudService.defaultTemplate,
        clientCode: String,
        tenantId: String? = nil,
        authentication: TargetAuthentication = .ims,
        imsConfiguration: ResourceReference,
        apiType: TargetAPIType = .rest,
        a4tAnalyticsConfiguration: String? = nil,
        accurateTargeting: Bool = true,
        segmentSync: SegmentSync? = nil,
        clientLibrary: ClientLibrary = .atJs,
        tagManagement: TagManagement = .none,
        customAtJs: String? = nil,
        dependsOn: [ResourceReference] = [],
        location: SourceLocation = .unknown
    ) {
        self.name = name
        self.title = title
        self.pageName = pageName
        self.template = template
        self.clientCode = clientCode
        self.tenantId = tenantId
        self.authentication = authentication
        self.imsConfiguration = imsConfiguration
        self.apiType = apiType
        self.a4tAnalyticsConfiguration = a4tAnalyticsConfiguration
        self.accurateTargeting = accurateTargeting
        self.segmentSync = segmentSync
        self.clientLibrary = clientLibrary
        self.tagManagement = tagManagement
        self.customAtJs = customAtJs
        self.dependsOn = dependsOn
        self.location = location
    }

    /// This resource's address.
    public var address: ResourceAddress { ResourceAddress(kind: .targetCloudService, name: name) }

    /// The tenant id to use: `tenantId`, or the client code when omitted.
    public var effectiveTenantId: String { tenantId ?? clientCode }

    /// The page name to use: `pageName`, or one derived from the title the way AEM's dialog does
    /// (lower-case; runs of other characters become one `-`).
    public var effectivePageName: String {
        if let pageName { return pageName }
        var result = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? name : result
    }
}
