import AemconfTestSupport
import Foundation
import Testing

/// The click-path done by hand, as a user would in the Developer Console and AEM's UIs, through raw HTTP against
/// an out-of-process sandbox: an OAuth credential subscribed to Target, the IMS configuration pair that uses it,
/// and a Target cloud-service page. Nothing of aemconf is involved.
struct HandMadeSetup {
    let sandbox: EndToEndSandbox

    /// What was made.
    struct Made {
        var credentialID: String
        var clientSecret: String
        var providerPID: String
        var pagePath: String
    }

    static let project = "aem-target"
    static let credentialName = "aem-target-handmade"
    static let imsName = "handmade-ims"
    static let pageName = "handmade-target"
    static let scopes =
        "openid,AdobeID,target_sdk,additional_info.projectedProductContext,read_organizations,additional_info.roles"
    static let imsOrg = "0123456789ABCDEF01234567@AdobeOrg"

    private func console(_ method: String, _ path: String, _ body: Any? = nil) async throws -> SandboxHarness.Response {
        var headers = [
            "Authorization": "Bearer " + (sandbox.credentials["consoleUserToken"] ?? ""),
            "x-api-key": sandbox.credentials["consoleAPIKey"] ?? "",
        ]
        var data: Data?
        if let body {
            data = try JSONSerialization.data(withJSONObject: body)
            headers["Content-Type"] = "application/json"
        }
        let org = sandbox.credentials["consoleOrgId"] ?? ""
        return try await SandboxHarness.request(
            base: sandbox.endpoints["console"] ?? "", method, "/console/organizations/\(org)" + path, headers: headers,
            body: data
        )
    }

    private var aemAuthorization: String {
        SandboxHarness.basic(sandbox.credentials["aemUsername"] ?? "", sandbox.credentials["aemPassword"] ?? "")
    }

    /// A Sling/configMgr form POST with basic auth and a fresh CSRF token.
    func aemForm(_ path: String, _ fields: [(String, String)]) async throws -> SandboxHarness.Response {
        let base = sandbox.endpoints["aem"] ?? ""
        let token = try await SandboxHarness.request(
            base: base, "GET", "/libs/granite/csrf/token.json", headers: ["Authorization": aemAuthorization])
        let csrf = try #require(token.jsonObject?["token"] as? String)
        return try await SandboxHarness.request(
            base: base, "POST", path,
            headers: [
                "Authorization": aemAuthorization, "CSRF-Token": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
            ],
            body: Data(SandboxHarness.urlEncoded(fields).utf8)
        )
    }

    /// One configMgr factory configuration; returns its PID.
    func configure(factory: String, _ properties: [(String, String)]) async throws -> String {
        var fields: [(String, String)] = [
            ("apply", "true"), ("factoryPid", factory), ("propertylist", properties.map(\.0).joined(separator: ",")),
        ]
        fields += properties
        let response = try await aemForm(
            "/system/console/configMgr/%5BTemporary%20PID%20replaced%20by%20real%20PID%20upon%20save%5D", fields
        )
        #expect(response.status == 302, "configMgr create of \(factory): \(response.status) \(response.text)")
        return String((response.header("Location") ?? "").dropFirst("/system/console/configMgr/".count))
    }

    /// An OAuth credential subscribed to Target ("Default Workspace", "Marketing") in a new console project:
    /// its id, client id and client secret.
    func credential(project name: String, credential credentialName: String) async throws -> (
        id: String, clientID: String, secret: String
    ) {
        let project = try await console("POST", "/projects", ["name": name, "title": name, "type": "default"])
        #expect(project.status == 201, "\(project.text)")
        let workspacePath =
            "/projects/\(try #require(project.jsonObject?["projectId"] as? String))"
            + "/workspaces/\(try #require(project.jsonObject?["workspaceId"] as? String))"
        let created = try await console(
            "POST", workspacePath + "/credentials/oauth-server-to-server",
            ["name": credentialName, "description": "by hand"]
        )
        #expect(created.status == 200, "\(created.text)")
        let id = try #require(created.jsonObject?["id"] as? String)
        let profiles = ["7100000", "7100001"].map { ["op": "add", "id": $0, "productId": "TGT-2B1F0C7E"] }
        let subscribed = try await console(
            "PUT", workspacePath + "/credentials/oauth-server-to-server/\(id)/services",
            [["sdkCode": "AdobeTargetSDK", "roles": NSNull(), "licenseConfigs": profiles]]
        )
        #expect(subscribed.status == 200, "\(subscribed.text)")
        let download = try await console("GET", workspacePath + "/download")
        let workspace = try #require(
            (download.jsonObject?["project"] as? [String: Any])?["workspace"] as? [String: Any])
        let credential = try #require(
            ((workspace["details"] as? [String: Any])?["credentials"] as? [[String: Any]])?.first)
        let s2s = try #require(credential["oauth_server_to_server"] as? [String: Any])
        return (
            id, try #require(s2s["client_id"] as? String), try #require((s2s["client_secrets"] as? [String])?.first)
        )
    }

    /// The IMS configuration pair for an OAuth client; returns the provider PID.
    func imsConfiguration(name: String, title: String, clientID: String, secret: String) async throws -> String {
        let providerPID = try await configure(
            factory: "com.adobe.granite.auth.oauth.accesstoken.provider",
            [
                ("name", name), ("auth.token.provider.title", title),
                ("auth.token.provider.endpoint", "https://ims-na1.adobelogin.com"),
                ("auth.token.provider.client.id", clientID), ("auth.token.provider.scope", Self.scopes),
                ("auth.token.provider.authorization.grants", "client_credentials"),
                ("auth.token.provider.orgId", Self.imsOrg), ("token.request.customizer.type", name),
            ])
        _ = try await configure(
            factory: "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl",
            [
                ("auth.ims.client.secret", secret), ("customizer.type", name),
            ])
        return providerPID
    }

    /// Makes everything; the profiles are the sandbox's seeded "Default Workspace" and "Marketing".
    func make() async throws -> Made {
        let (id, clientID, secret) = try await credential(project: Self.project, credential: Self.credentialName)
        let providerPID = try await imsConfiguration(
            name: Self.imsName, title: "Hand-made Target", clientID: clientID, secret: secret)
        let page = try await aemForm(
            "/bin/wcmcommand",
            [
                ("cmd", "createPage"), ("parentPath", "/etc/cloudservices/testandtarget"), ("label", Self.pageName),
                ("title", "Hand-made Target"), ("template", "/libs/cq/analytics/templates/testandtarget"),
            ])
        #expect(page.status == 200, "\(page.text)")
        let pagePath = "/etc/cloudservices/testandtarget/\(Self.pageName)"
        let tenant = sandbox.credentials["targetTenant"] ?? "wknd"
        let properties = try await aemForm(
            pagePath + "/jcr:content",
            [
                ("clientcode", tenant), ("tenantId", tenant), ("authentication", "ims"), ("imsConfigId", providerPID),
                ("apiKind", "rest"), ("accurateTargeting", "true"), ("accurateTargeting@TypeHint", "Boolean"),
                ("clientlib", "atjs"),
            ])
        #expect((200..<300).contains(properties.status), "\(properties.text)")
        return Made(credentialID: id, clientSecret: secret, providerPID: providerPID, pagePath: pagePath)
    }

    /// A config folder that only says how to reach the sandbox (no resources).
    func writeConnectionConfig(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ims = sandbox.endpoints["ims"] ?? ""
        let console = sandbox.endpoints["console"] ?? ""
        let target = sandbox.endpoints["target"] ?? ""
        let text = """
            version: 1
            aem:
              url: \(sandbox.endpoints["aem"] ?? "")
              username: \(sandbox.credentials["aemUsername"] ?? "admin")
              password: ${env:AEM_PASSWORD}
            adobe:
              imsOrg: \(Self.imsOrg)
              console:
                token: ${env:ADOBE_CONSOLE_TOKEN}
                project: \(Self.project)
              endpoints: { ims: "\(ims)", console: "\(console)", target: "\(target)" }

            """
        try text.write(toFile: folder + "/aemconf.yaml", atomically: true, encoding: .utf8)
    }
}
