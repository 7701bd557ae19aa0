import AemconfProviders
import Foundation

/// The console ids of one run: the org's AMS id, the project and its workspace, found (or made) once.
public actor ConsoleLocation {
    /// The ids.
    public struct IDs: Sendable, Equatable {
        /// The AMS org id.
        public var orgID: String
        /// The project id; `nil` when the project does not exist yet.
        public var projectID: String?
        /// The workspace id; `nil` when it does not exist yet.
        public var workspaceID: String?
    }

    private var found: IDs?
    private var pending: Task<IDs, any Error>?

    /// Creates an empty cache.
    public init() {}

    /// The ids, looked up once; `create` makes the project when it is missing (apply), else it stays `nil` (plan).
    public func ids(session: ServiceSession, create: Bool) async throws -> IDs {
        if let found, !create || found.workspaceID != nil { return found }
        if let pending { return try await pending.value }
        let task = Task { try await Self.lookUp(session: session, create: create) }
        pending = task
        defer { pending = nil }
        let ids = try await task.value
        found = ids
        return ids
    }

    private static func lookUp(session: ServiceSession, create: Bool) async throws -> IDs {
        let console = try session.requireConsole()
        let orgID = try await console.organization(imsOrgID: session.imsOrg).id
        let projects = try await console.projects(orgID: orgID, title: session.consoleProject)
        var projectID = projects.first { $0.name == session.consoleProject || $0.title == session.consoleProject }?.id
        var workspaceID: String?
        if projectID == nil, create {
            let created = try await console.createProject(
                orgID: orgID,
                name: session.consoleProject,
                title: session.consoleProject,
                description: "Managed by aemconf"
            )
            projectID = created.projectId
            workspaceID = created.workspaceId
        }
        if let projectID, workspaceID == nil {
            let workspaces = try await console.workspaces(orgID: orgID, projectID: projectID)
            workspaceID = (workspaces.first { $0.name == session.consoleWorkspace } ?? workspaces.first)?.id
        }
        return IDs(orgID: orgID, projectID: projectID, workspaceID: workspaceID)
    }
}
