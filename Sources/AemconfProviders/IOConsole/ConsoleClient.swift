import AemconfModel
import Foundation

/// The Adobe Developer Console API client (adobe-io-console.md): orgs, services and product profiles,
/// projects and workspaces, credentials, subscriptions, certificate bindings, workspace download, secrets.
///
/// `orgID` parameters are the numeric AMS org id; ``organization(imsOrgID:)`` maps the `…@AdobeOrg` code to it.
/// Both pagination styles are walked to the end.
public struct ConsoleClient: Sendable {
    /// The underlying service client.
    public let client: ServiceClient
    let tokens: any AccessTokenSource
    let apiKey: String

    /// Adobe's production Console API host.
    public static let productionBaseURL = "https://developers.adobe.io"
    /// The API key the Adobe I/O CLI sends with a user token.
    public static let cliAPIKey = "aio-cli-console-auth"

    /// Creates a client; `tokens` supplies the user (or service) token, `apiKey` the client id it was issued to.
    public init(
        baseURL: String = ConsoleClient.productionBaseURL,
        tokens: any AccessTokenSource,
        apiKey: String = ConsoleClient.cliAPIKey,
        environment: ServiceEnvironment
    ) {
        self.client = ServiceClient(service: .console, baseURL: baseURL, environment: environment)
        self.tokens = tokens
        self.apiKey = apiKey
    }

    // MARK: - Plumbing

    func request(
        _ method: RequestMethod,
        _ path: String,
        query: [(name: String, value: String)] = [],
        json: (any Encodable)? = nil,
        idempotent: Bool? = nil
    ) throws -> ServiceRequest {
        request(
            method, path, query: query, jsonBody: try json.map { Array(try JSONEncoder().encode($0)) },
            idempotent: idempotent)
    }

    /// A request whose body, if any, is JSON text already written.
    func request(
        _ method: RequestMethod,
        _ path: String,
        query: [(name: String, value: String)] = [],
        jsonBody: [UInt8]?,
        idempotent: Bool? = nil
    ) -> ServiceRequest {
        var headers = HeaderFields()
        if jsonBody != nil { headers.add(name: "Content-Type", value: "application/json") }
        return ServiceRequest(
            method: method,
            path: path,
            query: query,
            headers: headers,
            body: jsonBody,
            authorization: .bearer(tokens, apiKey: apiKey),
            idempotent: idempotent
        )
    }

    func get<T: Decodable & Sendable>(
        _ type: T.Type,
        _ path: String,
        query: [(name: String, value: String)] = [],
        step: String
    ) async throws -> T {
        let request = try request(.GET, path, query: query)
        return try await client.perform(request, step: step, decode: { try $0.decode(T.self) }, verify: nil)
    }

    static func orgPath(_ orgID: String) -> String { "/console/organizations/\(orgID)" }

    static func workspacePath(_ orgID: String, _ projectID: String, _ workspaceID: String) -> String {
        "\(orgPath(orgID))/projects/\(projectID)/workspaces/\(workspaceID)"
    }

    // MARK: - Organizations and services

    /// `GET /console/organizations`.
    public func organizations() async throws -> [Console.Organization] {
        try await get(
            [Console.Organization].self, "/console/organizations", step: "listing Developer Console organizations")
    }

    /// The organization whose `code` is the IMS org id; its `id` is the AMS id used in paths.
    public func organization(imsOrgID: String) async throws -> Console.Organization {
        let all = try await organizations()
        guard let match = all.first(where: { $0.code == imsOrgID }) else {
            throw ServiceError(
                code: .notFound, step: "looking up IMS org '\(imsOrgID)'", service: .console, method: "GET",
                path: "/console/organizations",
                detail: "the token's user is not a member of '\(imsOrgID)'; check adobe.imsOrg and the console token"
            )
        }
        return match
    }

    /// `GET …/services[?sdkCodes=…]`.
    public func services(orgID: String, sdkCodes: [String] = []) async throws -> [Console.Service] {
        let query: [(name: String, value: String)] =
            sdkCodes.isEmpty ? [] : [("sdkCodes", sdkCodes.joined(separator: ","))]
        return try await get(
            [Console.Service].self, "\(Self.orgPath(orgID))/services", query: query,
            step: "listing services of org '\(orgID)'")
    }

    /// Adobe Target's service entry; throws `unsupported` when the org is not entitled or the user lacks access.
    public func targetService(orgID: String) async throws -> Console.Service {
        let step = "checking the Adobe Target entitlement of org '\(orgID)'"
        let services = try await services(orgID: orgID, sdkCodes: [ServiceAssumptions.targetServiceCode])
        guard let target = services.first(where: { $0.code == ServiceAssumptions.targetServiceCode }) else {
            throw ServiceError(
                code: .unsupported, step: step, service: .console, method: "GET",
                path: "\(Self.orgPath(orgID))/services", detail: "the org has no Adobe Target service")
        }
        if target.enabled == false || target.entitledForOrg == false {
            let reasons = (target.disabledReasons ?? []).joined(separator: ", ")
            throw ServiceError(
                code: .unsupported, step: step, service: .console, method: "GET",
                path: "\(Self.orgPath(orgID))/services",
                detail: "Adobe Target is not available" + (reasons.isEmpty ? "" : ": \(reasons)")
            )
        }
        return target
    }

    /// The product profiles named `names` (matched by name or id); throws `notFound` naming the missing ones.
    public func productProfiles(orgID: String, named names: [String]) async throws -> [Console.LicenseConfig] {
        let target = try await targetService(orgID: orgID)
        var found: [Console.LicenseConfig] = []
        var missing: [String] = []
        for name in names {
            if let profile = target.licenseConfigs.first(where: { $0.name == name || $0.id == name }) {
                found.append(profile)
            } else {
                missing.append(name)
            }
        }
        guard missing.isEmpty else {
            let available = target.licenseConfigs.map { "'\($0.name)'" }.joined(separator: ", ")
            throw ServiceError(
                code: .notFound, step: "finding Adobe Target product profiles", service: .console, method: "GET",
                path: "\(Self.orgPath(orgID))/services",
                detail: "no product profile " + missing.map { "'\($0)'" }.joined(separator: ", ")
                    + "; available: \(available)"
            )
        }
        return found
    }

    // MARK: - Projects and workspaces

    /// All projects (1-based `page`/`size`, walked to the end), optionally with an exact `title`.
    public func projects(orgID: String, title: String? = nil) async throws -> [Console.Project] {
        let path = "\(Self.orgPath(orgID))/projects"
        return try await PageWalker.walkOneBased(pageSize: ServiceAssumptions.consoleProjectsPageSize) { page, size in
            var query: [(name: String, value: String)] = [("page", "\(page)"), ("size", "\(size)")]
            if let title { query.append(("title", title)) }
            return try await get([Console.Project].self, path, query: query, step: "listing projects of org '\(orgID)'")
        }
    }

    /// Creates a `default` project (one workspace); after an ambiguous failure, adopts a project with the same name.
    public func createProject(orgID: String, name: String, title: String, description: String) async throws
        -> Console.CreatedProject
    {
        struct Body: Encodable { var name, title, type, description: String }
        struct Answer: Decodable {
            var projectId: String
            var workspaceId: String
        }
        let path = "\(Self.orgPath(orgID))/projects"
        let request = try request(
            .POST, path, json: Body(name: name, title: title, type: "default", description: description))
        return try await client.perform(
            request,
            step: "creating project '\(name)'",
            decode: { response in
                let json = try response.decode(JSONValue.self)
                guard let project = json["projectId"]?.stringValue, let workspace = json["workspaceId"]?.stringValue
                else {
                    throw ConsoleDecodingError()
                }
                return Console.CreatedProject(projectId: project, workspaceId: workspace)
            },
            verify: {
                guard let project = try await projects(orgID: orgID).first(where: { $0.name == name }) else {
                    return nil
                }
                let workspace = try await workspaces(orgID: orgID, projectID: project.id).first
                return workspace.map { Console.CreatedProject(projectId: project.id, workspaceId: $0.id) }
            }
        )
    }

    /// `DELETE …/projects/{projectId}`.
    public func deleteProject(orgID: String, projectID: String) async throws {
        let request = try request(.DELETE, "\(Self.orgPath(orgID))/projects/\(projectID)")
        try await client.send(
            request, step: "deleting project '\(projectID)'", accept: { (200..<300).contains($0) || $0 == 404 })
    }

    /// `GET …/projects/{projectId}/workspaces`.
    public func workspaces(orgID: String, projectID: String) async throws -> [Console.Workspace] {
        try await get(
            [Console.Workspace].self, "\(Self.orgPath(orgID))/projects/\(projectID)/workspaces",
            step: "listing workspaces of project '\(projectID)'"
        )
    }

    /// The workspace download: client ids, secrets, technical account, scopes (adobe-io-console.md §3.1).
    public func downloadWorkspace(orgID: String, projectID: String, workspaceID: String) async throws
        -> Console.WorkspaceDownload
    {
        let path = Self.workspacePath(orgID, projectID, workspaceID) + "/download"
        let redactor = client.environment.redactor
        return try await client.perform(
            try request(.GET, path),
            step: "downloading workspace '\(workspaceID)'",
            decode: { response in try Self.parseDownload(try response.decode(JSONValue.self), redactor: redactor) },
            verify: nil
        )
    }

    static func parseDownload(_ json: JSONValue, redactor: SecretRedactor) throws -> Console.WorkspaceDownload {
        guard let project = json["project"] else { throw ConsoleDecodingError() }
        let org = project["org"]
        let workspace = org?["workspace"] ?? project["workspace"]
        let details = workspace?["details"]
        var credentials: [Console.DownloadedCredential] = []
        for entry in details?["credentials"]?.arrayValue ?? [] {
            let jwt = entry["jwt"]
            let oauth = entry["oauth_server_to_server"]
            let block = oauth ?? jwt
            var secrets: [Secret] = []
            if let many = oauth?["client_secrets"]?.arrayValue {
                secrets = many.compactMap(\.stringValue).map(Secret.init)
            }
            if let one = jwt?["client_secret"]?.stringValue { secrets.append(Secret(one)) }
            secrets.forEach(redactor.register)
            credentials.append(
                Console.DownloadedCredential(
                    id: entry["id"]?.stringValue ?? "",
                    name: entry["name"]?.stringValue,
                    integrationType: entry["integration_type"]?.stringValue,
                    clientID: block?["client_id"]?.stringValue ?? entry["apiKey"]?.stringValue ?? "",
                    clientSecrets: secrets,
                    technicalAccountID: block?["technical_account_id"]?.stringValue,
                    technicalAccountEmail: block?["technical_account_email"]?.stringValue,
                    scopes: oauth?["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    metascopes: jwt?["meta_scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
                )
            )
        }
        return Console.WorkspaceDownload(
            imsOrgID: org?["ims_org_id"]?.stringValue,
            orgID: org?["id"]?.stringValue,
            projectID: project["id"]?.stringValue,
            workspaceID: workspace?["id"]?.stringValue,
            credentials: credentials,
            serviceCodes: details?["services"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        )
    }
}

/// A Console answer that lacks the fields aemconf needs.
struct ConsoleDecodingError: Error {}
