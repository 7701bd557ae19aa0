import AemconfSandbox
import Foundation

/// What `aemconf sandbox` prints once it listens: endpoints and the seeded credentials, as text or
/// as one JSON object (`aem`, `ims`, `console`, `target`, `credentials`).
///
/// The credentials are the sandbox's own seeded values, printed on purpose so scripts can use them.
enum SandboxBanner {
    private struct JSONBanner: Encodable {
        var aem: String
        var ims: String
        var console: String
        var target: String
        var adminAPI: String
        var adminToken: String?
        var credentials: SandboxCredentials
    }

    /// `showToken`: print a generated admin token (a token the user gave is not echoed).
    static func render(_ sandbox: RunningSandbox, json: Bool, showToken: Bool = true) -> String {
        let adminToken = showToken ? sandbox.adminToken : nil
        let endpoints = sandbox.endpoints
        let credentials = sandbox.credentials
        if json {
            let banner = JSONBanner(
                aem: endpoints.aem,
                ims: endpoints.ims,
                console: endpoints.console,
                target: endpoints.target,
                adminAPI: endpoints.aem + "/_sandbox",
                adminToken: adminToken,
                credentials: credentials
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(banner)) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        var lines = [
            "aemconf sandbox is running (Ctrl-C to stop)",
            "  AEM 6.5      \(endpoints.aem)",
            "  IMS          \(endpoints.ims)",
            "  I/O console  \(endpoints.console)",
            "  Target       \(endpoints.target)",
            "  admin API    \(endpoints.aem)/_sandbox/ (on every port)",
        ]
        if let token = adminToken {
            lines.append("  admin token  \(token) (send as 'Authorization: Bearer TOKEN'; printed once)")
        }
        lines += [
            "credentials (sandbox-only values)",
            "  AEM admin    \(credentials.aemUsername) / \(credentials.aemPassword)",
        ]
        if let token = credentials.consoleUserToken { lines.append("  console token  \(token)") }
        if let key = credentials.consoleAPIKey { lines.append("  console API key  \(key)") }
        if let org = credentials.imsOrgId { lines.append("  IMS org      \(org)") }
        if let org = credentials.consoleOrgId { lines.append("  console org id  \(org)") }
        if let tenant = credentials.targetTenant { lines.append("  Target tenant  \(tenant)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
