import Foundation
import Hummingbird

/// Projects, workspaces, services and the workspace download (adobe-io-console.md §2, §3).
extension ConsoleRoutes {
    static func registerProjects(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        route(router, .get, "/:orgId/services", store: store) { call, state in
            guard let org = state.console.organization(id: call.orgID) else {
                return .failure(.notFound("organization"))
            }
            let codes = call.query.value("sdkCodes").map { Set($0.split(separator: ",").map(String.init)) }
            let services = org.services.filter { codes?.contains($0.code) ?? true }
            return .success(.ok(.array(services.map(serviceJSON))))
        }
        route(router, .get, "/:orgId/projects", store: store) { call, state in
            listProjects(call, state: state)
        }
        route(router, .post, "/:orgId/projects", store: store, mutates: true) { call, state in
            createProject(call, state: &state)
        }
        route(router, .get, "/:orgId/projects/:projectId", store: store) { call, state in
            project(call, state: state).map { .ok(projectJSON($0)) }
        }
        route(router, .patch, "/:orgId/projects/:projectId", store: store, mutates: true) { call, state in
            editProject(call, state: &state)
        }
        route(router, .delete, "/:orgId/projects/:projectId", store: store, mutates: true) { call, state in
            project(call, state: state).map { found in
                state.console.projects.removeAll { $0.id == found.id && $0.orgID == call.orgID }
                state.console.credentials.removeAll { $0.projectID == found.id && $0.orgID == call.orgID }
                return .ok(["projectId": .string(found.id)])
            }
        }
        route(router, .get, "/:orgId/projects/:projectId/workspaces", store: store) { call, state in
            project(call, state: state).map { .ok(.array($0.workspaces.map(workspaceJSON))) }
        }
        route(router, .post, "/:orgId/projects/:projectId/workspaces", store: store, mutates: true) { call, state in
            createWorkspace(call, state: &state)
        }
        route(router, .get, "/:orgId/projects/:projectId/workspaces/:workspaceId", store: store) { call, state in
            workspace(call, state: state).map { .ok(workspaceJSON($0.1)) }
        }
        route(
            router, .patch, "/:orgId/projects/:projectId/workspaces/:workspaceId", store: store,
            mutates: true
        ) { call, state in
            editWorkspace(call, state: &state)
        }
        route(
            router, .delete, "/:orgId/projects/:projectId/workspaces/:workspaceId", store: store,
            mutates: true
        ) { call, state in
            workspace(call, state: state).map { found in
                let (project, workspace) = found
                guard let projectIndex = state.console.projects.firstIndex(where: { $0.id == project.id }) else {
                    return .ok([:])
                }
                state.console.projects[projectIndex].workspaces.removeAll { $0.id == workspace.id }
                state.console.credentials.removeAll { $0.workspaceID == workspace.id }
                return .ok(["workspaceId": .string(workspace.id)])
            }
        }
        route(router, .get, "/:orgId/projects/:projectId/workspaces/:workspaceId/download", store: store) {
            call, state in
            download(call, state: state)
        }
    }

    static func serviceJSON(_ service: ConsoleService) -> SandboxJSON {
        [
            "name": .string(service.name), "code": .string(service.code), "enabled": .bool(service.entitledForOrg),
            "type": .string(service.type), "platformList": ["Web"], "docsUrl": nil, "learnMoreUrl": nil,
            "description": .string(service.description), "deprecated": false,
            "properties": [
                "licenseConfigs": .array(
                    service.licenseConfigs.map { config in
                        [
                            "id": .string(config.id), "name": .string(config.name),
                            "productId": .string(config.productId),
                            "description": .string(config.description),
                        ]
                    })
            ],
            "requiresApproval": false, "canRequestAccess": false, "entitledForOrg": .bool(service.entitledForOrg),
            "accessPlatformAppId": nil,
            "disabledReasons": service.entitledForOrg ? [] : ["ORG_MISSING_PRODUCT_PROFILES"],
        ]
    }

    static func projectJSON(_ project: ConsoleProject) -> SandboxJSON {
        [
            "id": .string(project.id), "name": .string(project.name), "title": .string(project.title),
            "description": .string(project.description), "type": .string(project.type), "enabled": true,
            "deleted": false, "org_id": .string(project.orgID), "date_created": isoDate(project.createdAt),
            "date_last_modified": isoDate(project.modifiedAt), "who_created": .string(project.whoCreated),
            "who_last_modified": .string(project.whoLastModified),
            "metadata": [
                "workspaces": .array(
                    project.workspaces.map {
                        [
                            "id": .string($0.id), "name": .string($0.name),
                            "runtime": false,
                        ]
                    })
            ],
        ]
    }

    static func workspaceJSON(_ workspace: ConsoleWorkspace) -> SandboxJSON {
        [
            "id": .string(workspace.id), "name": .string(workspace.name), "title": .string(workspace.title),
            "description": .string(workspace.description), "quota_usage": nil, "enabled": true,
            "runtime_enabled": false, "date_created": isoDate(workspace.createdAt),
            "date_last_modified": isoDate(workspace.modifiedAt), "who_created": .string(workspace.whoCreated),
            "who_last_modified": .string(workspace.whoLastModified),
        ]
    }

    static func project(_ call: Call, state: SandboxState) -> Result<ConsoleProject, ConsoleError> {
        let id = call.parameter("projectId")
        guard let found = state.console.projects.first(where: { $0.id == id && $0.orgID == call.orgID }) else {
            return .failure(.notFound("project '\(id)' does not exist"))
        }
        return .success(found)
    }

    static func workspace(_ call: Call, state: SandboxState) -> Result<(ConsoleProject, ConsoleWorkspace), ConsoleError>
    {
        project(call, state: state).flatMap { found in
            let id = call.parameter("workspaceId")
            guard let workspace = found.workspaces.first(where: { $0.id == id }) else {
                return .failure(.notFound("workspace '\(id)' does not exist"))
            }
            return .success((found, workspace))
        }
    }

    private static func listProjects(_ call: Call, state: SandboxState) -> Result<Answer, ConsoleError> {
        var problems: [String] = []
        let sortField = call.query.value("sortField")
        if let sortField, !["date_last_modified", "date_created", "title"].contains(sortField) {
            problems.append("sortField must be one of date_last_modified date_created title")
        }
        let sortOrder = call.query.value("sortOrder")
        if let sortOrder, !["ASC", "DESC"].contains(sortOrder) {
            problems.append("sortOrder must be one of ASC DESC")
        }
        let size = call.query.value("size")
        if let size, (Int(size) ?? 0) < 1 { problems.append("size must be a positive integer") }
        let page = call.query.value("page")
        if let page, (Int(page) ?? 0) < 1 { problems.append("page must be a positive integer") }
        guard problems.isEmpty else { return .failure(.badRequest(problems.joined(separator: "; "))) }
        var projects = state.console.projects.filter { $0.orgID == call.orgID }
        if let title = call.query.value("title") { projects = projects.filter { $0.title == title } }
        if let type = call.query.value("projectType") { projects = projects.filter { $0.type == type } }
        let descending = sortOrder == "DESC"
        projects.sort { lhs, rhs in
            let ordered: Bool
            switch sortField {
            case "title": ordered = lhs.title == rhs.title ? lhs.id < rhs.id : lhs.title < rhs.title
            case "date_created":
                ordered = lhs.createdAt == rhs.createdAt ? lhs.id < rhs.id : lhs.createdAt < rhs.createdAt
            default:
                ordered = lhs.modifiedAt == rhs.modifiedAt ? lhs.id < rhs.id : lhs.modifiedAt < rhs.modifiedAt
            }
            return descending ? !ordered : ordered
        }
        if let page, let number = Int(page) {
            let pageSize = size.flatMap { Int($0) } ?? 100
            let start = (number - 1) * pageSize
            projects = start < projects.count ? Array(projects[start..<min(projects.count, start + pageSize)]) : []
        }
        return .success(.ok(.array(projects.map(projectJSON))))
    }

    private static func createProject(_ call: Call, state: inout SandboxState) -> Result<Answer, ConsoleError> {
        guard let fields = jsonObject(call) else { return .failure(.badRequest("the body must be a JSON object")) }
        let name: String
        let title: String
        let type: String
        switch (requiredString(fields, "name"), requiredString(fields, "title"), requiredString(fields, "type")) {
        case (.success(let n), .success(let t), .success(let k)): (name, title, type) = (n, t, k)
        case (.failure(let failure), _, _), (_, .failure(let failure), _), (_, _, .failure(let failure)):
            return .failure(failure)
        }
        guard ["default", "jaeger"].contains(type) else {
            return .failure(.badRequest("type must be one of default jaeger"))
        }
        let projectID = state.console.makeID()
        let workspaceID = state.console.makeID()
        let workspace = ConsoleWorkspace(
            id: workspaceID, name: "Production", title: "Production", description: "",
            createdAt: call.now, whoCreated: call.principal.displayName)
        state.console.projects.append(
            ConsoleProject(
                id: projectID, orgID: call.orgID, name: name, title: title,
                description: fields["description"]?.stringValue ?? "", type: type, createdAt: call.now,
                whoCreated: call.principal.displayName, workspaces: [workspace]
            ))
        return .success(
            Answer(
                status: .created,
                body: [
                    "projectId": .string(projectID), "projectType": .string(type), "workspaceId": .string(workspaceID),
                ]))
    }

    private static func editProject(_ call: Call, state: inout SandboxState) -> Result<Answer, ConsoleError> {
        let found: ConsoleProject
        switch project(call, state: state) {
        case .success(let value): found = value
        case .failure(let failure): return .failure(failure)
        }
        guard let fields = jsonObject(call) else { return .failure(.badRequest("the body must be a JSON object")) }
        guard let index = state.console.projects.firstIndex(where: { $0.id == found.id }) else {
            return .failure(.notFound("project '\(found.id)' does not exist"))
        }
        for key in ["name", "title", "description"] where fields[key] != nil && fields[key]?.stringValue == nil {
            return .failure(.badRequest("'\(key)' must be a string"))
        }
        if let name = fields["name"]?.stringValue { state.console.projects[index].name = name }
        if let title = fields["title"]?.stringValue { state.console.projects[index].title = title }
        if let description = fields["description"]?.stringValue {
            state.console.projects[index].description = description
        }
        state.console.projects[index].modifiedAt = call.now
        state.console.projects[index].whoLastModified = call.principal.displayName
        return .success(.ok(projectJSON(state.console.projects[index])))
    }

    private static func createWorkspace(_ call: Call, state: inout SandboxState) -> Result<Answer, ConsoleError> {
        let found: ConsoleProject
        switch project(call, state: state) {
        case .success(let value): found = value
        case .failure(let failure): return .failure(failure)
        }
        guard let fields = jsonObject(call) else { return .failure(.badRequest("the body must be a JSON object")) }
        let name: String
        switch requiredString(fields, "name") {
        case .success(let value): name = value
        case .failure(let failure): return .failure(failure)
        }
        guard found.type != "default" || found.workspaces.isEmpty else {
            return .failure(.badRequest("Only one workspace allowed for project type default"))
        }
        guard !found.workspaces.contains(where: { $0.name == name }) else {
            return .failure(.badRequest("a workspace named '\(name)' already exists in the project"))
        }
        guard let index = state.console.projects.firstIndex(where: { $0.id == found.id }) else {
            return .failure(.notFound("project '\(found.id)' does not exist"))
        }
        let workspaceID = state.console.makeID()
        state.console.projects[index].workspaces.append(
            ConsoleWorkspace(
                id: workspaceID, name: name, title: fields["title"]?.stringValue ?? name,
                description: fields["description"]?.stringValue ?? "", createdAt: call.now,
                whoCreated: call.principal.displayName
            ))
        return .success(
            Answer(status: .created, body: ["projectId": .string(found.id), "workspaceId": .string(workspaceID)]))
    }

    private static func editWorkspace(_ call: Call, state: inout SandboxState) -> Result<Answer, ConsoleError> {
        let found: (ConsoleProject, ConsoleWorkspace)
        switch workspace(call, state: state) {
        case .success(let value): found = value
        case .failure(let failure): return .failure(failure)
        }
        guard let fields = jsonObject(call) else { return .failure(.badRequest("the body must be a JSON object")) }
        let name: String
        switch requiredString(fields, "name") {
        case .success(let value): name = value
        case .failure(let failure): return .failure(failure)
        }
        guard let projectIndex = state.console.projects.firstIndex(where: { $0.id == found.0.id }),
            let index = state.console.projects[projectIndex].workspaces.firstIndex(where: { $0.id == found.1.id })
        else { return .failure(.notFound("workspace does not exist")) }
        state.console.projects[projectIndex].workspaces[index].name = name
        if let title = fields["title"]?.stringValue {
            state.console.projects[projectIndex].workspaces[index].title = title
        }
        if let description = fields["description"]?.stringValue {
            state.console.projects[projectIndex].workspaces[index].description = description
        }
        state.console.projects[projectIndex].workspaces[index].modifiedAt = call.now
        state.console.projects[projectIndex].workspaces[index].whoLastModified = call.principal.displayName
        return .success(.ok(workspaceJSON(state.console.projects[projectIndex].workspaces[index])))
    }

    private static func download(_ call: Call, state: SandboxState) -> Result<Answer, ConsoleError> {
        workspace(call, state: state).map { found in
            let (project, workspace) = found
            let org = state.console.organization(id: call.orgID)
            let credentials = state.console.credentials.filter { $0.workspaceID == workspace.id }
            var serviceCodes: [String] = []
            for credential in credentials {
                for subscription in credential.subscriptions where !serviceCodes.contains(subscription.sdkCode) {
                    serviceCodes.append(subscription.sdkCode)
                }
            }
            let services: [SandboxJSON] = serviceCodes.map { code in
                ["code": .string(code), "name": .optional(org?.services.first { $0.code == code }?.name)]
            }
            let workspaceBody: SandboxJSON = [
                "id": .string(workspace.id), "name": .string(workspace.name), "title": .string(workspace.title),
                "description": .string(workspace.description),
                "details": [
                    "credentials": .array(
                        credentials.map {
                            downloadCredential($0, state: state.console, at: call.now)
                        }),
                    "services": .array(services), "runtime": [:], "events": [:],
                ],
            ]
            let orgBody: SandboxJSON = [
                "id": .string(call.orgID), "name": .optional(org?.name), "ims_org_id": .optional(org?.code),
                "workspace": workspaceBody,
            ]
            return .ok([
                "project": [
                    "id": .string(project.id), "name": .string(project.name), "title": .string(project.title),
                    "description": .string(project.description), "org": orgBody, "workspace": workspaceBody,
                ]
            ])
        }
    }

    /// A credential of the workspace download; a converted JWT credential also has its OAuth block, with the scopes
    /// IMS grants it (``SandboxAssumptions/Item/consoleJWTConversionView``).
    private static func downloadCredential(_ credential: ConsoleCredential, state: ConsoleState, at now: Date)
        -> SandboxJSON
    {
        var entry: [String: SandboxJSON] = [
            "id": .string(credential.id), "name": .string(credential.name), "apiKey": .string(credential.clientID),
            "integration_type": .string(credential.integrationType(state.policy, at: now)),
        ]
        let oauth: SandboxJSON = [
            "client_id": .string(credential.clientID), "client_secrets": .strings(credential.secrets.map(\.value)),
            "technical_account_email": .string(credential.technicalAccountEmail),
            "technical_account_id": .string(credential.technicalAccountID),
            "scopes": .strings(state.scopes(of: credential).sorted()),
        ]
        switch credential.kind {
        case .jwt:
            if credential.isConverted(state.policy, at: now) { entry["oauth_server_to_server"] = oauth }
            entry["jwt"] = [
                "client_id": .string(credential.clientID), "client_secret": .optional(credential.secrets.first?.value),
                "technical_account_email": .string(credential.technicalAccountEmail),
                "technical_account_id": .string(credential.technicalAccountID),
                "meta_scopes": .strings(state.metascopes(of: credential).sorted()),
            ]
        case .oauthServerToServer:
            entry["oauth_server_to_server"] = oauth
        }
        return .object(entry)
    }
}
