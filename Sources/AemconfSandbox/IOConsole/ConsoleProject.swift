import Foundation

/// A console project and its workspaces (adobe-io-console.md §3).
public struct ConsoleProject: Codable, Sendable {
    /// Project id.
    public var id: String
    /// AMS id of the owning organization.
    public var orgID: String
    /// Name.
    public var name: String
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// `default` (exactly one workspace) or `jaeger` (App Builder).
    public var type: String
    /// Creation time.
    public var createdAt: Date
    /// Last modification time.
    public var modifiedAt: Date
    /// Who created it.
    public var whoCreated: String
    /// Who last changed it.
    public var whoLastModified: String
    /// The workspaces.
    public var workspaces: [ConsoleWorkspace]

    /// Creates a project.
    public init(
        id: String, orgID: String, name: String, title: String, description: String, type: String,
        createdAt: Date, whoCreated: String, workspaces: [ConsoleWorkspace]
    ) {
        self.id = id
        self.orgID = orgID
        self.name = name
        self.title = title
        self.description = description
        self.type = type
        self.createdAt = createdAt
        self.modifiedAt = createdAt
        self.whoCreated = whoCreated
        self.whoLastModified = whoCreated
        self.workspaces = workspaces
    }
}

/// A workspace of a project.
public struct ConsoleWorkspace: Codable, Sendable {
    /// Workspace id.
    public var id: String
    /// Name.
    public var name: String
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// Creation time.
    public var createdAt: Date
    /// Last modification time.
    public var modifiedAt: Date
    /// Who created it.
    public var whoCreated: String
    /// Who last changed it.
    public var whoLastModified: String

    /// Creates a workspace.
    public init(id: String, name: String, title: String, description: String, createdAt: Date, whoCreated: String) {
        self.id = id
        self.name = name
        self.title = title
        self.description = description
        self.createdAt = createdAt
        self.modifiedAt = createdAt
        self.whoCreated = whoCreated
        self.whoLastModified = whoCreated
    }
}
