/// The canonical attribute names of each kind: one spelling shared by desired state, refresh, plans and state.
public enum AttributeName {
    // ioIntegrations
    /// The console credential name.
    public static let name = "name"
    /// The console description.
    public static let description = "description"
    /// `oauth-server-to-server` or `jwt`.
    public static let credential = "credential"
    /// The subscribed API.
    public static let api = "api"
    /// Product profile names, sorted.
    public static let productProfiles = "productProfiles"
    /// `{alias, validityDays, renewBeforeDays}` of a JWT credential.
    public static let certificate = "certificate"

    // imsConfigurations
    /// The configuration title.
    public static let title = "title"
    /// The cloud solution.
    public static let cloudSolution = "cloudSolution"
    /// The IMS endpoint.
    public static let authorizationServer = "authorizationServer"
    /// The IMS org id.
    public static let organizationId = "organizationId"
    /// `oauth-server-to-server` or `jwt`.
    public static let authentication = "authentication"
    /// The client id (API key).
    public static let clientId = "clientId"
    /// The client secret (sensitive).
    public static let clientSecret = "clientSecret"
    /// OAuth scopes, sorted.
    public static let scopes = "scopes"
    /// JWT metascopes, sorted.
    public static let metascopes = "metascopes"
    /// The technical account id (JWT).
    public static let technicalAccountId = "technicalAccountId"
    /// The keystore alias (JWT).
    public static let keypairAlias = "keypairAlias"

    // targetCloudServices
    /// The page name under `/etc/cloudservices/testandtarget`.
    public static let pageName = "pageName"
    /// The page template.
    public static let template = "template"
    /// The Target client code.
    public static let clientCode = "clientCode"
    /// The Target tenant.
    public static let tenantId = "tenantId"
    /// The IMS configuration id AEM stores.
    public static let imsConfiguration = "imsConfiguration"
    /// REST.
    public static let apiType = "apiType"
    /// The A4T Analytics configuration path, or null.
    public static let a4tAnalyticsConfiguration = "a4tAnalyticsConfiguration"
    /// Accurate targeting.
    public static let accurateTargeting = "accurateTargeting"
    /// AEM's own segment sync flag.
    public static let segmentSync = "segmentSync"
    /// `at.js` or `mbox.js`.
    public static let clientLibrary = "clientLibrary"
    /// The tag management system.
    public static let tagManagement = "tagManagement"
    /// SHA-256 of the custom AT.js file, or null.
    public static let customAtJs = "customAtJs"

    // outputs
    /// The org id an integration lives in.
    public static let orgId = "orgId"
    /// The IMS configuration's provider PID.
    public static let configurationId = "configurationId"
    /// SHA-1 fingerprint of a JWT credential's certificate.
    public static let certificateFingerprint = "certificateFingerprint"
    /// Expiry of a JWT credential's certificate (ISO 8601).
    public static let certificateNotAfter = "certificateNotAfter"
    /// When the client secret in use was made (ISO 8601, the run's clock): what `rotateSecretEveryDays` is judged by.
    public static let clientSecretCreatedAt = "clientSecretCreatedAt"
    /// The secret rotation policy of an OAuth Server-to-Server integration.
    public static let rotateSecretEveryDays = "rotateSecretEveryDays"
}
