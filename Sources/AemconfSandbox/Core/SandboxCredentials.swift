/// The credentials a sandbox seeded, printed by `aemconf sandbox` so a user or script can log in.
///
/// These are sandbox-only values; they are shown on purpose (the real services' secrets never
/// reach the sandbox).
public struct SandboxCredentials: Codable, Sendable, Equatable {
    /// AEM admin user name (Basic auth, login-token flow).
    public var aemUsername: String
    /// AEM admin password.
    public var aemPassword: String
    /// A Developer Console user access token (`Authorization: Bearer`).
    public var consoleUserToken: String?
    /// The API key (`x-api-key`) the console accepts with that token.
    public var consoleAPIKey: String?
    /// The IMS organization code (`…@AdobeOrg`).
    public var imsOrgId: String?
    /// The console's numeric (AMS) organization id used in `/console/organizations/{orgId}` paths.
    public var consoleOrgId: String?
    /// The Target tenant id used in `/{tenant}/target/...` paths.
    public var targetTenant: String?

    /// Creates credentials.
    public init(
        aemUsername: String,
        aemPassword: String,
        consoleUserToken: String? = nil,
        consoleAPIKey: String? = nil,
        imsOrgId: String? = nil,
        consoleOrgId: String? = nil,
        targetTenant: String? = nil
    ) {
        self.aemUsername = aemUsername
        self.aemPassword = aemPassword
        self.consoleUserToken = consoleUserToken
        self.consoleAPIKey = consoleAPIKey
        self.imsOrgId = imsOrgId
        self.consoleOrgId = consoleOrgId
        self.targetTenant = targetTenant
    }
}
