/// Every UNCONFIRMED ([U]) point of the contracts the sandbox implements, named in one place.
///
/// The code reads the constants below instead of spelling the behaviour inline, so a capture from
/// a real instance changes one line. ``Item`` lists each assumption with where the contract leaves
/// it open; `docs/sandbox.md` mirrors this list. The services engineer appends IMS, console and
/// Target items after the AEM ones.
public enum SandboxAssumptions {
    /// One named assumption.
    public enum Item: String, CaseIterable, Sendable {
        /// aem.md §0.1: requests without valid credentials get `401` everywhere (never `404`).
        case aemUnauthenticatedIs401
        /// aem.md §0.1: a failed `j_security_check` answers `302` back to the login page without a
        /// `login-token` cookie (`403` when `j_validate=true`).
        case aemLoginFailure
        /// aem.md §0.2: CSRF tokens are HS256 JWTs bound to the user, valid ``csrfTokenLifetimeSeconds``;
        /// the `403` body is Sling's HTML error page.
        case aemCSRFTokenShape
        /// aem.md §2.3: the Felix console also requires the CSRF token (it is behind the same filter).
        case aemFelixConsoleCSRF
        /// aem.md §0.3: POST to a missing path strips selectors/extension from the last segment.
        case aemPostStripsExtension
        /// aem.md §0.4: JSON GETs over ``aemJSONMaximumResults`` nodes answer `300` with the level URLs.
        case aemJSONMaximumResults
        /// aem.md §0.4: dates render as ECMA strings (`Wed Nov 25 2026 10:00:00 GMT+0000`).
        case aemJSONDateFormat
        /// aem.md §1: keystore errors: `400` for bad input (password mismatch, bad DER, key not matching
        /// the certificate), `404` for no keystore / unknown alias, `409` for `createStore` on an
        /// existing keystore, `403` for a wrong current password and for deleting a missing store.
        case aemKeystoreErrorStatuses
        /// aem.md §1.2: `notBefore`/`notAfter` are ISO 8601 strings; `serialNumber` is a JSON number
        /// when it fits 64 bits, else a decimal string; subjects use RFC 4514 order.
        case aemKeystoreInfoFormat
        /// aem.md §1.6/§1.7: PKCS#12 import is not emulated (`500`); the store download is a placeholder.
        case aemKeystorePKCS12
        /// aem.md §2.3: configMgr create/update answers `302` to `/system/console/configMgr/<pid>`;
        /// delete answers `200` `{"status":true}`; new PIDs are `<factoryPid>.<uuid>`.
        case aemConfigManagerResponses
        /// aem.md §2.3: `GET /system/console/configMgr/<x>.json` lists configurations as a JSON array, selected by
        /// the path segment or `pidFilter` as an OSGi filter (Felix's `ConfigManager.doGet`; not in AEM's docs).
        case aemConfigManagerListsJSON
        /// aem.md §2.1/ims.md §5: at SP20+ (``aemJWTRefusedFromServicePack``) the console refuses to create
        /// a new JWT access-token provider configuration (`400`); existing ones keep working.
        case aemJWTRefusedFromSP20
        /// aem.md §2.1: below SP20 without the hotfix, OAuth properties are not understood: the provider
        /// is treated as JWT, so "Connect to Target" fails.
        case aemOAuthBelowSP20
        /// aem.md §2.1: for JWT, the token request goes to `<endpoint>/ims/exchange/jwt` and AEM sets
        /// `exp` to now + ``aemJWTLifetimeSeconds`` regardless of the configured claims.
        case aemJWTExchange
        /// aem.md §0.5: wcmcommand errors: `404` missing parent or page, `409` existing label, `400` missing fields.
        case aemWCMCommandErrors
        /// aem.md §4.2: the Target dialog's property names (``targetDialogFields``).
        case aemTargetDialogProperties
        /// aem.md §5: IMS connect fields: `imsConfigId` (provider PID, `<id>` suffix or `name`),
        /// `tenantId`, `clientcode`, or `path` of the cloud-service page to read them from.
        case aemTargetConnectFields
        /// aem.md §5: the connect check is `GET /{tenant}/target/audiences` with the token.
        case aemTargetConnectCall
        /// aem.md §0.4/§2.1: `status-productinfo.json` is a JSON array of text lines with
        /// `Adobe Experience Manager (6.5.<SP>.0)`.
        case aemProductInfoFormat
        /// aem.md §0.3: HTTP `DELETE` on a repository path deletes it (`204`), besides `:operation=delete`.
        case aemHTTPDelete
        /// aem.md §0.4: QueryBuilder predicates the sandbox does not evaluate are refused with `400`.
        case aemQueryBuilderRefusesUnknown
        /// aem.md §0.4: how QueryBuilder's `fulltext` matches (no index, no stemming).
        case aemQueryBuilderFulltext
        /// ims.md §2.3.
        case imsAccessTokenFormat
        /// ims.md §2.4.
        case imsSignatureMismatch
        /// ims.md §2.4.
        case imsExpiredAssertion
        /// ims.md §2.4.
        case imsIssuerSubject
        /// ims.md §2.4, §7.
        case imsExchangeCheckOrder
        /// ims.md §2.1.
        case imsAudienceHosts
        /// ims.md §2.2.
        case imsExchangeFields
        /// ims.md §3.3.
        case imsTokenV3Errors
        /// ims.md §5.
        case imsJWTConversion
        /// adobe-io-console.md §1, target.md §2.
        case gatewayChecks
        /// adobe-io-console.md §1.
        case consoleErrorBody
        /// adobe-io-console.md §1.
        case consoleOrgAccess
        /// adobe-io-console.md §4.1, §4.2.
        case consoleCredentialNames
        /// adobe-io-console.md §4.1, ims.md §5.
        case consoleJWTCutoff
        /// ims.md §5, adobe-io-console.md §3.1, §4: how the console shows a JWT credential Adobe has converted.
        case consoleJWTConversionView
        /// adobe-io-console.md §4.5.
        case consoleSecretLimit
        /// adobe-io-console.md §1.
        case consoleSecondWorkspace
        /// adobe-io-console.md §4.4, ims.md §6.
        case consoleBindings
        /// adobe-io-console.md §5.
        case consoleIntegrationPages
        /// adobe-io-console.md §3.1.
        case consoleDownloadShape
        /// adobe-io-console.md §1.
        case consoleServiceTokens
        /// target.md §2.
        case targetErrorCodes
        /// target.md §5, §9.
        case targetAccess
        /// target.md §1.
        case targetVersioning
        /// target.md §6.
        case targetThrottle
        /// target.md §3.
        case targetAudienceRules
        /// target.md §5.
        case targetWorkspaces
        /// target.md §3.1.
        case targetListOrder
        /// aem.md §6: where and how imported Target audiences are stored (``segmentationRoot``).
        case aemSegmentLayout
        /// aem.md §0.3: `:operation=import` without `:name` merges the JSON into the existing target node.
        case aemImportMerges

        /// What the sandbox assumes, in one sentence.
        public var summary: String {
            switch self {
            case .aemUnauthenticatedIs401:
                "AEM answers 401 with a Basic challenge to every request without valid credentials"
            case .aemLoginFailure:
                "a failed j_security_check redirects (302) to the login page without a login-token cookie; 403 with j_validate=true"
            case .aemCSRFTokenShape:
                "CSRF tokens are HS256 JWTs bound to the user and valid 600 s; a missing or invalid token gives Sling's 403 HTML page"
            case .aemFelixConsoleCSRF: "the Felix configMgr requires the CSRF token like any Sling POST"
            case .aemPostStripsExtension:
                "a Sling POST to a missing path drops selectors and extension from the last segment"
            case .aemJSONMaximumResults:
                "JSON GETs of more than 200 nodes answer 300 with the URLs of the levels that fit"
            case .aemJSONDateFormat: "JCR dates render in ECMA format"
            case .aemKeystoreErrorStatuses:
                "keystore errors: 400 bad input or mismatched key, 404 no keystore or alias, 409 store exists, 403 wrong password or deleting a missing store"
            case .aemKeystoreInfoFormat:
                "KeystoreInfo dates are ISO 8601, serial numbers JSON numbers when they fit 64 bits"
            case .aemKeystorePKCS12: "PKCS#12 import is not emulated and the store download is a placeholder"
            case .aemConfigManagerResponses:
                "configMgr create/update answers 302 to the new PID; delete answers {\"status\":true}"
            case .aemConfigManagerListsJSON:
                "GET configMgr/<x>.json answers a JSON array of configurations printed like the single read, selected as Felix's ConfigManager.doGet does: <x> or the pidFilter parameter as an OSGi filter, else <x> as a PID (*.json lists all); a PID or filter with & < > \" ' gives 400"
            case .aemJWTRefusedFromSP20:
                "from SP20 new JWT IMS configurations are refused with 400; existing ones keep working"
            case .aemOAuthBelowSP20:
                "below SP20 without the hotfix an OAuth IMS configuration is treated as JWT and fails to connect"
            case .aemJWTExchange: "AEM posts the JWT to <endpoint>/ims/exchange/jwt with exp = now + 300 s"
            case .aemWCMCommandErrors: "wcmcommand: 404 missing parent/page, 409 existing label, 400 missing fields"
            case .aemTargetDialogProperties: "Target cloud-service property names are those of the sandbox dialog"
            case .aemTargetConnectFields: "IMS connect takes imsConfigId, tenantId, clientcode or the page path"
            case .aemTargetConnectCall: "the connect check lists Target audiences with the IMS token"
            case .aemProductInfoFormat: "status-productinfo.json is an array of lines naming 6.5.<SP>.0"
            case .aemHTTPDelete:
                "HTTP DELETE on a repository path deletes it and its subtree with 204 (404 when missing, 403 for the root), as Adobe's 'Using cURL with AEM' shows, besides the Sling POST :operation=delete"
            case .aemQueryBuilderRefusesUnknown:
                "QueryBuilder evaluates path, type, nodename, fulltext, property groups (property or N_property, .value, .N_value, .operation equals|unequals|exists|not), orderby path|@property with orderby.sort, and p.limit/p.offset/p.hits/p.properties; any other predicate is refused with 400 rather than dropped (a wider result than asked for is the worst answer)"
            case .aemQueryBuilderFulltext:
                "fulltext matches when every term (a quoted phrase is one term) appears, case-insensitively, in the node's name or string property values, or in its jcr:content's for a cq:Page; a -term must not appear"
            case .imsAccessTokenFormat:
                "access tokens are JWT-shaped like Adobe's (header x5u/RS256, claims id, type, client_id, user_id, as, sid, created_at and expires_in in ms as strings, scope) but signed with a sandbox HMAC key (IMSState.tokenKey)"
            case .imsSignatureMismatch:
                "a JWT signature matching no bound, unexpired certificate gives 400 invalid_token 'Could not match JWT signature to any of the bindings' (the observed live answer), not the documented invalid_signature; invalid_signature is kept for a non-RS256 alg"
            case .imsExpiredAssertion:
                "an expired exp gives 400 invalid_token 'JWT token has expired'; an exp more than IMSState.maxAssertionLifetime (24 h) ahead gives 400 invalid_token; a non-integer exp gives 400 invalid_token 'JWT token is incorrectly formatted, and can not be decoded.'"
            case .imsIssuerSubject:
                "an iss or sub that is well-formed but not the credential's org or technical account gives 400 bad_request"
            case .imsExchangeCheckOrder:
                "JWT exchange checks in order: client_id, assertion decodes, alg, aud, client secret, JWT credential, exp/jti, iss, sub, signature, metascopes"
            case .imsAudienceHosts:
                "aud and metascope keys may use the canonical IMS host or the host the request reached (the sandbox's own URL)"
            case .imsExchangeFields:
                "the JWT exchange reads its fields from a urlencoded or multipart body only, never from the query string"
            case .imsTokenV3Errors:
                "/ims/token/v3: missing grant_type, client_id, client_secret or scope gives 400 invalid_request; another grant 400 unsupported_grant_type; unknown client 400 invalid_client; wrong secret or a non-OAuth credential 401 invalid_client; a scope not granted 400 invalid_scope"
            case .imsJWTConversion:
                "from ConsolePolicy.jwtConversion (2026-03-01) a JWT credential counts as converted: the JWT exchange gives 401 invalid_client and client_credentials works with its secret"
            case .gatewayChecks:
                "the adobe.io gateway checks x-api-key first (unknown or missing: 403 {error_code 403003, 'Api Key is invalid'}), then the bearer token (invalid, expired, forged or issued to another client than the API key: 401 {error_code 401013, 'Oauth token is not valid'}), on the console and on Target alike"
            case .consoleErrorBody:
                "console errors are {error_code, message}; codes ERR_MSG_BAD_REQUEST 400, ERR_MSG_FORBIDDEN 403, ERR_MSG_NOT_FOUND 404, ERR_MSG_DUPLICATE_NAME 409"
            case .consoleOrgAccess:
                "an {orgId} that is not the AMS id of an organization of the caller (for example the …@AdobeOrg code) gives 403"
            case .consoleCredentialNames:
                "the 6–25 character name rule and org-wide name uniqueness (409 ERR_MSG_DUPLICATE_NAME) apply to JWT and OAuth credentials, in workspaces and at org level"
            case .consoleJWTCutoff:
                "from ConsolePolicy.jwtCreationCutoff (2024-06-03) creating a JWT credential gives 400 ERR_MSG_JWT_DEPRECATED; from jwtCertificateCutoff (2025-06-30) adding a binding does too"
            case .consoleJWTConversionView:
                "from ConsolePolicy.jwtConversion (2026-03-01) a JWT credential is listed with integration_type oauth_server_to_server_migrate (flow_type entp), its integration's serviceProperties list the OAuth scopes IMS grants it, and the workspace download adds an oauth_server_to_server block (client secrets, scopes) beside the jwt one; its bindings stay — the console and IMS agree that it is OAuth"
            case .consoleSecretLimit:
                "a third client secret gives 400 ERR_MSG_MAX_CLIENT_SECRETS; the secrets list never shows values, the POST shows the new one once"
            case .consoleSecondWorkspace:
                "a second workspace in a default project gives 400 'Only one workspace allowed for project type default'; a new project's workspace is 'Production'"
            case .consoleBindings:
                "an expired certificate, a non-RSA or unparsable one, or a fingerprint already bound gives 400"
            case .consoleIntegrationPages: "/integrations defaults to page 0, size 50; size above 50 gives 400"
            case .consoleDownloadShape:
                "the workspace download holds the workspace both at project.workspace and at project.org.workspace"
            case .consoleServiceTokens:
                "a technical account token with adobeio_api may call the console for its own organization"
            case .targetErrorCodes:
                "Target errorCodes besides Unsupported.Feature: Invalid.Request 400, Access.Denied 403, Entity.NotFound 404, Method.NotAllowed 405, Throttling 503"
            case .targetAccess:
                "an unknown tenant gives 404; a token without target_sdk, of a credential not subscribed to Adobe Target or of another org (user tokens included) gives 403"
            case .targetVersioning:
                "every audience operation needs v3 (Accept on GET/DELETE, Content-Type on POST/PUT/PATCH); no version means v1 and gives 406"
            case .targetThrottle:
                "the 50 calls per minute are counted per client id over a sliding 60 s window on the sandbox clock; the 503 has an ErrorResponse body and no Retry-After"
            case .targetAudienceRules:
                "audience names are unique per tenant (400); exactly one of targetRule or audienceRule, a non-empty object, is required (400)"
            case .targetWorkspaces:
                "an unknown workspace gives 400, a workspace outside the credential's product profiles 403; an audience there answers 403; PUT without workspace keeps the audience's"
            case .aemSegmentLayout:
                "Target audiences are cq:Pages under /etc/segmentation whose jcr:content has sling:resourceType cq/personalization/components/segmentpage and a traits/tandt child (cq/personalization/components/traits/tandt) carrying targetAudienceId"
            case .aemImportMerges:
                "a JSON :operation=import at an existing node without :name merges its children into that node in one transaction; :replaceProperties overwrites the properties it names"
            case .targetListOrder:
                "without sortBy audiences come by id ascending; name order is Swift string order with ties by id; list items omit the rules; PATCH merges fields and null clears one"
            }
        }
    }

    /// aem.md §6 [I]: the folder holding segments (``Item/aemSegmentLayout``).
    public static let segmentationRoot = "/etc/segmentation"
    /// aem.md §6 [I]: the resource type of a segment page's `jcr:content`.
    public static let segmentPageResourceType = "cq/personalization/components/segmentpage"
    /// aem.md §6 [I]: the resource type of the trait naming the Target audience.
    public static let segmentTargetTraitResourceType = "cq/personalization/components/traits/tandt"

    /// Realm of AEM's Basic challenge.
    public static let aemBasicRealm = "Sling (Development)"
    /// Lifetime of an AEM CSRF token (the `csrf.token.expires.in` minimum, aem.md §0.2).
    public static let csrfTokenLifetimeSeconds = 600
    /// Lifetime of an AEM `login-token` cookie (12 h, the Granite token default).
    public static let loginTokenLifetimeSeconds = 43_200
    /// Sling's `json.maximumresults`.
    public static let aemJSONMaximumResults = 200
    /// First service pack where new JWT IMS configurations are refused and OAuth is understood.
    public static let aemJWTRefusedFromServicePack = 20
    /// First service pack where the IMS OAuth hotfix applies.
    public static let aemIMSHotfixFromServicePack = 11
    /// Lifetime AEM gives the JWT it signs for the exchange.
    public static let aemJWTLifetimeSeconds = 300
    /// Dialog field name → property name of the Target cloud-service page (aem.md §4.2).
    public static let targetDialogFields: [(field: String, xtype: String, label: String)] = [
        ("./clientcode", "textfield", "Client Code"),
        ("./tenantId", "textfield", "Tenant ID"),
        ("./authentication", "selection", "Authentication"),
        ("./imsConfigId", "selection", "IMS Configuration"),
        ("./apiKind", "selection", "API Type"),
        ("./a4tAnalyticsConfig", "textfield", "A4T Analytics Cloud Configuration"),
        ("./accurateTargeting", "checkbox", "Use accurate targeting"),
        ("./syncSegments", "checkbox", "Synchronize segments from Adobe Target"),
        ("./clientlib", "selection", "Client library"),
        ("./useTagManagement", "checkbox", "Use Tag Management System to deliver client library"),
        ("./email", "textfield", "Email"),
        ("./password", "password", "Password"),
        ("./public/at.js", "fileupload", "Custom AT.js"),
    ]
    /// Options of the dialog's selection fields (value, text).
    public static let targetDialogOptions: [String: [(value: String, text: String)]] = [
        "./authentication": [("ims", "Adobe IMS"), ("user", "User credentials")],
        "./apiKind": [("rest", "REST"), ("xml", "XML")],
        "./clientlib": [("atjs", "AT.js"), ("mboxjs", "mbox.js (deprecated)")],
    ]
    /// Checkbox fields that are checked by default.
    public static let targetDialogCheckedByDefault: Set<String> = ["./accurateTargeting"]
}
