/// Every value the contracts mark UNCONFIRMED (or [U]) that aemconf relies on, in one place.
///
/// Each constant names the contract section that leaves it open. Where AEM can tell us the real
/// value at runtime, ``AEMDiscovery`` asks and these are only the fallback.
public enum ServiceAssumptions {
    /// Units of `expires_in`.
    public enum ExpiresInUnit: Sendable, Equatable {
        /// Seconds (OAuth `/ims/token/v3`, ims.md §3.2).
        case seconds
        /// Milliseconds (JWT exchange, ims.md §2.3).
        case milliseconds
    }

    /// ims.md §2.2: the JWT exchange path (the docs' form, without Adobe's library's trailing slash).
    public static let imsJWTExchangePath = "/ims/exchange/jwt"
    /// ims.md §3.1: the OAuth client-credentials path.
    public static let imsClientCredentialsPath = "/ims/token/v3"
    /// ims.md §2.3: the JWT exchange's `expires_in` is in milliseconds.
    public static let jwtExchangeExpiresInUnit = ExpiresInUnit.milliseconds

    /// ims.md §3.4 (UNCONFIRMED): the scopes requested for a Target OAuth credential when the console lists none.
    public static let targetOAuthScopes = [
        "openid", "AdobeID", "target_sdk", "additional_info.projectedProductContext", "read_organizations",
        "additional_info.roles",
    ]
    /// ims.md §2.1: Target's JWT metascope.
    public static let targetMetascope = "ent_marketing_sdk"

    /// aem.md §1.1 [U]: the keystore user path when the QueryBuilder lookup finds nothing.
    public static let authenticationServiceUserPath = "/home/users/system/authentication-service"
    /// aem.md §2.1 [U]: JWT `auth.access.token.request` is `<endpoint>/ims/exchange/jwt`.
    public static let aemJWTAccessTokenRequestSuffix = "/ims/exchange/jwt"
    /// aem.md §2.1 [C][S4]: OAuth token request URL suffix.
    public static let aemOAuthAccessTokenRequestSuffix = "/ims/token/v3"
    /// aem.md §2.1/§2.3: the provider and customizer factory PIDs.
    public static let accessTokenProviderFactoryPID = "com.adobe.granite.auth.oauth.accesstoken.provider"
    /// aem.md §2.1: the request customizer factory PID holding the client secret.
    public static let requestCustomizerFactoryPID =
        "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"
    /// aem.md §2.3 [C][S8]: the configMgr path for a new factory instance.
    public static let configMgrNewFactoryPath =
        "/system/console/configMgr/[Temporary PID replaced by real PID upon save]"
    /// aem.md §2.3 (confirmed in Apache Felix's source, `webconsole` `ConfigManager.doGet` and
    /// `ConfigJsonSupport.printConfigurationJson`; not in AEM 6.5's documentation): `GET
    /// /system/console/configMgr/*.json?pidFilter=<OSGi filter>` answers a JSON array of the configurations the
    /// filter selects, each printed like the single read (password values masked), `[]` for none. Refresh reads
    /// every IMS configuration with it in one request; a `404` or an answer that is not a JSON array makes
    /// aemconf fall back to the listing and one read per PID. `false` skips the request altogether.
    public static let configMgrListsConfigurationsAsJSON = true
    /// The path of that listing: `*` as the PID selects every configuration (`(service.pid=*)`), narrowed by the
    /// `pidFilter` query parameter (Felix refuses one holding `&`, so aemconf only sends `(|…)` filters).
    public static let configMgrListPath = "/system/console/configMgr/*.json"
    /// adobe-io-console.md §4.2 [SPEC]: the workspace-level OAuth Server-to-Server create takes
    /// `services?: [ServiceInfo]`, the same ServiceInfo array as the subscribe call (§4.3), so a new credential is
    /// created already subscribed to Target with its product profiles: one request fewer per integration. That the
    /// console honours it on this endpoint is not confirmed by a capture. aemconf reads the credential back either
    /// way, and subscribes with the separate call when the read-back shows other profiles. `false` always subscribes
    /// separately.
    public static let consoleCreateSubscribesServices = true
    /// aem.md §2.1, §9.1 [U]: the first AEM 6.5 service pack whose IMS UI configures OAuth server-to-server.
    public static let oauthMinimumServicePack = 20

    /// aem.md §4.1 [I]: the Target cloud-service template.
    public static let targetCloudServiceTemplate = "/libs/cq/analytics/templates/testandtarget"
    /// aem.md §4.1 [C]: where Target cloud-service pages live.
    public static let targetCloudServiceRoot = "/etc/cloudservices/testandtarget"
    /// aem.md §4.2: the Target cloud-service dialog read to discover property names.
    public static let targetDialogPath = "/libs/cq/analytics/components/testandtargetpage/dialog"

    /// aem.md §4.2 [U]: fallback Target property names, used only when the dialog does not name a field.
    public static let targetPropertyFallbacks: [TargetCloudServiceField: String] = [
        .clientCode: "clientcode",
        .tenantID: "tenant",
        .imsConfiguration: "imsConfigId",
        .authentication: "authentication",
        .apiType: "apiType",
        .a4tAnalyticsConfiguration: "a4tAnalyticsConfig",
        .accurateTargeting: "accurateTargeting",
        .segmentSync: "syncSegments",
        .clientLibrary: "clientlibrary",
        .tagManagement: "useTagManagement",
    ]

    /// aem.md §5 [U]: the field carrying the IMS configuration id on the IMS connect command.
    public static let connectIMSConfigurationField = "imsConfigId"
    /// aem.md §5 [U]: the field carrying the tenant on the IMS connect command.
    public static let connectTenantField = "tenant"

    /// target.md §1: audience media type version.
    public static let targetAudienceVersion = 3
    /// target.md §1: property media type version.
    public static let targetPropertyVersion = 1
    /// target.md §3.1 (UNCONFIRMED maximum): the audience page size aemconf asks for.
    public static let targetAudiencePageSize = 1000

    /// adobe-io-console.md §5: the largest page size for `/integrations`.
    public static let consoleIntegrationsPageSize = 50
    /// adobe-io-console.md §3: the page size aemconf asks for on `/projects`.
    public static let consoleProjectsPageSize = 100
    /// adobe-io-console.md §2: Target's service code.
    public static let targetServiceCode = "AdobeTargetSDK"
    /// aem.md §0.4: hits per QueryBuilder request when reading many nodes (bulk refresh).
    public static let queryBuilderPageSize = 1000
    /// adobe-io-console.md §4.5 [SPEC]: `GET …/integrations/{intId}/secrets` returns the client secrets with
    /// their values, so a new OAuth credential's secret is read there, once, right after creating it.
    public static let consoleIntegrationSecretsCarryValues = true
    /// aem.md §4.2 [U]: the values the Target dialog's client-library selection stores, by config spelling.
    public static let targetClientLibraryValues: [String: String] = ["at.js": "atjs", "mbox.js": "mboxjs"]
    /// aem.md §6 [I]: the folder under which AEM keeps Target audiences it imported (ClientContext-era
    /// segmentation); aemconf's default `segmentSync.root` is `<this>/aemconf/<cloud service page name>`.
    public static let segmentationRoot = "/etc/segmentation"
    /// aem.md §6 [U]: the folder under ``segmentationRoot`` holding one folder per cloud service.
    public static let segmentationFolderName = "aemconf"
    /// aem.md §6 [I]: a segment is a `cq:Page` whose `jcr:content` has this resource type.
    public static let segmentPageResourceType = "cq/personalization/components/segmentpage"
    /// aem.md §6 [I]: the trait (under `jcr:content/traits`) naming the Target audience.
    public static let segmentTargetTraitResourceType = "cq/personalization/components/traits/tandt"
    /// aem.md §6 [U] (`TargetMediator.PN_AUTHOR_EXTERNAL_ID`'s value is unknown): the trait's property holding the
    /// Target audience id.
    public static let segmentTargetAudienceIDProperty = "targetAudienceId"
    /// aem.md §0.3 [U]: `:operation=import` of a JSON object at an existing folder (no `:name`) merges its children
    /// into the folder, `:replaceProperties=true` overwriting the properties it names; one request is one
    /// transaction (Sling saves the session once).
    public static let segmentImportMergesIntoFolder = true
    /// aem.md §0.3: segments written per `:operation=import` (and deleted per `:applyTo` request).
    public static let segmentBatchSize = 500
    /// aem.md §0.4: audience ids per QueryBuilder lookup of segments by id (keeps the URL short).
    public static let segmentLookupBatchSize = 100
    /// target.md §3.1 (the documented default limit is 2,147,483,647): the page size of a full pass.
    public static let segmentSyncPageSize = 10_000
    /// target.md §3.1 (UNCONFIRMED, documented only in Adobe's SDK spec): `sortBy=-modifiedAt` orders the audience
    /// list newest first; a `400` means the service refuses it and the sync makes a full pass instead.
    public static let targetSortByModifiedAt = "-modifiedAt"
    /// target.md §3.1: the order of a full pass (ids are stable, so a checkpoint can resume it).
    public static let targetSortByID = "id"

    /// aem.md §2.1 [U]: the OAuth IMS hotfix exists for SP11–SP19 and cannot be detected over HTTP, so from this
    /// service pack on OAuth is assumed to work (Check Health shows it when it does not).
    public static let aemIMSHotfixAssumedFrom = 11
    /// adobe-io-console.md §4.1 [SPEC]: a credential name "must be between 6 and 25 chars long" (the longest name
    /// a derived name, such as a migrated credential's, may have).
    public static let consoleNameMaxLength = 25
    /// adobe-io-console.md §4.5 [S2S-IMS]: a credential has at most two client secrets; a rotation adds the
    /// second and deletes the first once AEM uses the new one. Whether the console refuses a third with 400 or
    /// 409 is UNCONFIRMED (the sandbox answers 400), so aemconf never asks for a third.
    public static let consoleMaxClientSecrets = 2
}
