import AemconfModel
import AemconfProviders

/// Why a service refused, in words a user can act on: the cause and the fix.
///
/// The one place that maps what IMS, Target and AEM answer (IMS `error`/`error_description`, Target statuses) to
/// causes; `aemconf doctor`, Check Health and Connect to Target all use it.
public struct FailureCause: Sendable, Equatable, CustomStringConvertible {
    /// A stable dotted code, e.g. `ims.wrong-client-secret`.
    public var code: String
    /// What is wrong.
    public var cause: String
    /// What to do.
    public var fix: String

    /// Creates a cause.
    public init(code: String, cause: String, fix: String) {
        self.code = code
        self.cause = cause
        self.fix = fix
    }

    /// `cause: …; fix: …`.
    public var description: String { "cause: \(cause); fix: \(fix)" }

    /// `message`, followed by the cause and fix when one is known.
    public static func explained(_ message: String, _ cause: FailureCause?) -> String {
        cause.map { "\(message) (\($0))" } ?? message
    }

    /// The cause of a failed AEM call (`nil`: no response to go by).
    public static func aemReach(_ error: ServiceError?) -> FailureCause {
        switch error?.code {
        case .unauthorized?:
            FailureCause(
                code: "aem.unauthorized", cause: "AEM refused the user and password",
                fix: "check 'aem.username' and the password reference")
        case .forbidden?:
            FailureCause(
                code: "aem.forbidden", cause: "the AEM user may not do this",
                fix: "use an administrator ('aem.username')")
        case .connection?:
            FailureCause(
                code: "aem.unreachable", cause: "AEM cannot be reached",
                fix: "check 'aem.url', that AEM runs, and the network path to it")
        default:
            FailureCause(code: "aem.failed", cause: "AEM answered with an error", fix: "read AEM's message above")
        }
    }

    /// The cause of a failed IMS token request (Check Health), from IMS's `error` and `error_description`.
    public static func imsToken(_ error: ServiceError) -> FailureCause? {
        if error.code == .connection {
            return FailureCause(
                code: "ims.unreachable", cause: "IMS cannot be reached",
                fix: "check 'adobe.endpoints.ims' and the network path (proxy, firewall) to it"
            )
        }
        let code = error.remote?.code ?? ""
        let message = (error.remote?.message ?? "").lowercased()
        if message.contains("could not match jwt signature") || code == "invalid_signature" {
            return FailureCause(
                code: "ims.certificate-mismatch",
                cause:
                    "the certificate bound to the console credential does not match AEM's private key, or it "
                    + "has expired",
                fix:
                    "bind the certificate of the keystore alias to the credential again, or let 'aemconf "
                    + "apply' replace the certificate"
            )
        }
        if code == "invalid_scope" {
            return FailureCause(
                code: "ims.scope-missing",
                cause: message.contains("not a subset")
                    ? "the metascopes asked for are not a subset of the credential's: the Adobe Target API or "
                        + "its metascope is missing from the credential"
                    : "the credential does not hold the scopes asked for: the Adobe Target API (or its product "
                        + "profile) is missing from the credential",
                fix:
                    "add Adobe Target with its product profiles to the credential in the Developer Console "
                    + "('productProfiles' of the integration), then apply"
            )
        }
        if code == "invalid_client" {
            if message.contains("exchange_jwt") {
                return FailureCause(
                    code: "ims.jwt-exchange-not-allowed",
                    cause: "the credential may not exchange JWTs (it is not a JWT service account, or was converted)",
                    fix: "use 'credential: oauth-server-to-server' for this integration"
                )
            }
            if message.contains("client_credentials") {
                return FailureCause(
                    code: "ims.grant-not-allowed",
                    cause:
                        "the credential may not use the client_credentials grant (it is not an OAuth "
                        + "Server-to-Server credential)",
                    fix: "create an OAuth Server-to-Server credential ('credential: oauth-server-to-server') and use it"
                )
            }
            return FailureCause(
                code: "ims.wrong-client-secret",
                cause:
                    "IMS does not accept the client id and client secret: the secret was rotated or deleted in "
                    + "the console, or the credential is gone",
                fix:
                    "run 'aemconf plan' to see whether the credential still exists; set the current secret "
                    + "('clientSecret' reference) or let 'aemconf apply' recreate it"
            )
        }
        if code == "invalid_token" {
            return FailureCause(
                code: "ims.jwt-rejected",
                cause: "IMS rejected the JWT (expired, malformed, or the clock of this machine is off)",
                fix: "check the system clock; let 'aemconf apply' renew the certificate if it expired"
            )
        }
        if error.code == .unavailable {
            return FailureCause(code: "ims.unavailable", cause: "IMS failed on its side", fix: "try again later")
        }
        return nil
    }

    /// The cause of a failed read of Target's Admin API with an IMS configuration's token.
    /// A failure of the token request on the way is IMS's (``imsToken(_:)``).
    public static func targetRead(_ error: ServiceError, tenant: String) -> FailureCause? {
        if error.service == .ims { return imsToken(error) }
        switch error.status {
        case 403?:
            return FailureCause(
                code: "target.forbidden",
                cause:
                    "Target refused the credential on tenant '\(tenant)': the integration lacks a role in the "
                    + "Target product profile, "
                    + "or it is not subscribed to Adobe Target",
                fix:
                    "in the Admin Console give the integration's technical account a role (e.g. Approver) in "
                    + "the product profile, "
                    + "or add the profile to 'productProfiles'"
            )
        case 404?:
            return FailureCause(
                code: "target.unknown-tenant", cause: "Target has no tenant '\(tenant)'",
                fix: "set 'tenantId' to the tenant shown in Target under Administration > Implementation"
            )
        case 401?:
            return FailureCause(
                code: "target.token-rejected", cause: "the adobe.io gateway rejected the token or API key",
                fix:
                    "run 'aemconf doctor' on the IMS configuration: its credential must be the one subscribed to Target"
            )
        default:
            return error.code == .rateLimited || error.code == .unavailable
                ? FailureCause(
                    code: "target.unavailable",
                    cause: "Target is throttling or unavailable (503 over 50 calls a minute)",
                    fix: "try again in a minute")
                : nil
        }
    }

    /// The cause of AEM's "Connect to Target" refusing, from AEM's message.
    public static func connect(_ message: String, tenant: String) -> FailureCause? {
        let lower = message.lowercased()
        if lower.contains("ims configuration") && lower.contains("not found") {
            return imsReferenceBroken
        }
        for code in ["invalid_client", "invalid_scope", "invalid_token", "could not match jwt signature"]
        where lower.contains(code) {
            let remote = RemoteError(code: code.hasPrefix("invalid") ? code : "invalid_token", message: message)
            return imsToken(
                ServiceError(
                    code: .httpStatus, step: "", service: .ims, method: "POST", path: "", status: 400, remote: remote))
        }
        for status in [403, 404, 401] where lower.contains("failed: \(status)") {
            return targetRead(
                ServiceError(
                    code: .forStatus(status), step: "", service: .target, method: "GET", path: "", status: status),
                tenant: tenant)
        }
        return nil
    }
}

extension FailureCause {
    /// `aem.a4t-missing`.
    static let a4tMissing = FailureCause(
        code: "aem.a4t-missing",
        cause: "'a4tAnalyticsConfiguration' names an Analytics framework AEM does not have",
        fix: "create the Analytics cloud configuration and framework in AEM, or correct the path"
    )

    /// `aem.cloud-service-missing`.
    static let cloudServiceMissing = FailureCause(
        code: "aem.cloud-service-missing",
        cause: "the Target cloud service has not been made in AEM (or was deleted)",
        fix: "run 'aemconf apply'"
    )

    /// `state.credential-missing`.
    static func credentialNotInState(imsConfiguration name: String) -> FailureCause {
        FailureCause(
            code: "state.credential-missing",
            cause: "state holds no credential for 'imsConfigurations.\(name)' (not applied yet)",
            fix: "run 'aemconf apply' (or 'aemconf import' the integration)"
        )
    }

    /// `aem.ims-reference-broken`.
    static let imsReferenceBroken = FailureCause(
        code: "aem.ims-reference-broken",
        cause: "the cloud service points at a deleted (or never made) IMS configuration",
        fix: "run 'aemconf apply' to make the IMS configuration and write the reference again"
    )

    /// `ims.refused`.
    static let imsRefused = FailureCause(
        code: "ims.refused", cause: "the token request failed", fix: "read the message above"
    )

    /// `aem.oauth-unsupported`.
    static func oauthUnsupported(_ address: ResourceAddress) -> FailureCause {
        FailureCause(
            code: "aem.oauth-unsupported",
            cause:
                "\(address) uses OAuth Server-to-Server, which AEM supports from SP20 "
                + "(SP11-SP19 with the IMS hotfix)",
            fix: "upgrade AEM to SP20, or install the IMS hotfix on SP11-SP19"
        )
    }

    /// `aem.segment-import-off`.
    static let segmentImportOff = FailureCause(
        code: "aem.segment-import-off",
        cause: "'segmentSync.mode: aem' relies on AEM's own import, which is switched off",
        fix: "run 'aemconf apply' (it switches it on), or use 'mode: aemconf'"
    )

    /// `state.key-missing`.
    static let stateKeyMissing = FailureCause(
        code: "state.key-missing",
        cause: "the client secret is sealed in state and no state key is configured",
        fix: "set AEMCONF_STATE_KEY or '--state-key-file'"
    )

    /// `state.unreadable`.
    static let stateUnreadable = FailureCause(
        code: "state.unreadable", cause: "the credential could not be read from state",
        fix: "check the state key"
    )

    /// `target.refused`.
    static let targetRefused = FailureCause(
        code: "target.refused", cause: "the read of Target's Admin API failed",
        fix: "read the message above"
    )

    /// `target.tenant-differs`.
    static let tenantDiffers = FailureCause(
        code: "target.tenant-differs",
        cause:
            "the Admin API is called with the tenant id and at.js with the client code; they "
            + "differ, which is usually a typo",
        fix:
            "check both in Target under Administration > Implementation and set 'tenantId' and "
            + "'clientCode' to match it"
    )
}
