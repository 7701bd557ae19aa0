/// A service (API) a credential can subscribe to, e.g. Adobe Target (`AdobeTargetSDK`), with its product
/// profiles (`licenseConfigs`) (adobe-io-console.md §2).
public struct ConsoleService: Codable, Sendable {
    /// Display name, e.g. "Adobe Target".
    public var name: String
    /// SDK code, e.g. `AdobeTargetSDK`.
    public var code: String
    /// Service type, e.g. `entp`.
    public var type: String
    /// Description.
    public var description: String
    /// Whether the organization is entitled to the service.
    public var entitledForOrg: Bool
    /// The product profiles; for Target one per Target workspace.
    public var licenseConfigs: [ConsoleLicenseConfig]
    /// The JWT metascope the service grants, e.g. `ent_marketing_sdk` (sandbox-internal field).
    public var metascope: String?
    /// The OAuth scopes the service grants (sandbox-internal field).
    public var scopes: [String]

    /// Creates a service.
    public init(
        name: String, code: String, type: String = "entp", description: String = "",
        entitledForOrg: Bool = true, licenseConfigs: [ConsoleLicenseConfig], metascope: String?,
        scopes: [String]
    ) {
        self.name = name
        self.code = code
        self.type = type
        self.description = description
        self.entitledForOrg = entitledForOrg
        self.licenseConfigs = licenseConfigs
        self.metascope = metascope
        self.scopes = scopes
    }

    /// The Adobe Target service code.
    public static let targetCode = "AdobeTargetSDK"
    /// The I/O Management API service code (sandbox naming).
    public static let ioManagementCode = "AdobeIOManagementAPISDK"
}

/// A product profile of a service, as `properties.licenseConfigs[]` lists it.
public struct ConsoleLicenseConfig: Codable, Sendable {
    /// Profile id.
    public var id: String
    /// Profile name, e.g. "Default Workspace".
    public var name: String
    /// The product the profile belongs to.
    public var productId: String
    /// Description.
    public var description: String

    /// Creates a profile.
    public init(id: String, name: String, productId: String, description: String = "") {
        self.id = id
        self.name = name
        self.productId = productId
        self.description = description
    }
}
