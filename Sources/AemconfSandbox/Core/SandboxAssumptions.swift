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

        /// What the sandbox assumes, in one sentence.
        public var summary: String {
            switch self {
            case .aemUnauthenticatedIs401: "AEM answers 401 with a Basic challenge to every request without valid credentials"
            case .aemLoginFailure: "a failed j_security_check redirects (302) to the login page without a login-token cookie; 403 with j_validate=true"
            case .aemCSRFTokenShape: "CSRF tokens are HS256 JWTs bound to the user and valid 600 s; a missing or invalid token gives Sling's 403 HTML page"
            case .aemFelixConsoleCSRF: "the Felix configMgr requires the CSRF token like any Sling POST"
            case .aemPostStripsExtension: "a Sling POST to a missing path drops selectors and extension from the last segment"
            case .aemJSONMaximumResults: "JSON GETs of more than 200 nodes answer 300 with the URLs of the levels that fit"
            case .aemJSONDateFormat: "JCR dates render in ECMA format"
            case .aemKeystoreErrorStatuses: "keystore errors: 400 bad input or mismatched key, 404 no keystore or alias, 409 store exists, 403 wrong password or deleting a missing store"
            case .aemKeystoreInfoFormat: "KeystoreInfo dates are ISO 8601, serial numbers JSON numbers when they fit 64 bits"
            case .aemKeystorePKCS12: "PKCS#12 import is not emulated and the store download is a placeholder"
            case .aemConfigManagerResponses: "configMgr create/update answers 302 to the new PID; delete answers {\"status\":true}"
            case .aemJWTRefusedFromSP20: "from SP20 new JWT IMS configurations are refused with 400; existing ones keep working"
            case .aemOAuthBelowSP20: "below SP20 without the hotfix an OAuth IMS configuration is treated as JWT and fails to connect"
            case .aemJWTExchange: "AEM posts the JWT to <endpoint>/ims/exchange/jwt with exp = now + 300 s"
            case .aemWCMCommandErrors: "wcmcommand: 404 missing parent/page, 409 existing label, 400 missing fields"
            case .aemTargetDialogProperties: "Target cloud-service property names are those of the sandbox dialog"
            case .aemTargetConnectFields: "IMS connect takes imsConfigId, tenantId, clientcode or the page path"
            case .aemTargetConnectCall: "the connect check lists Target audiences with the IMS token"
            case .aemProductInfoFormat: "status-productinfo.json is an array of lines naming 6.5.<SP>.0"
            }
        }
    }

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
