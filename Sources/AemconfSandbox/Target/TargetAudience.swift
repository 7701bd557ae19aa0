import Foundation

/// A Target audience (target.md §3, schema `Audience`).
public struct TargetAudience: Codable, Sendable, Equatable {
    /// Server-assigned id.
    public var id: Int64
    /// Unique name, at most 255 characters.
    public var name: String
    /// Description.
    public var description: String?
    /// `target` for API/UI-created audiences.
    public var origin: String
    /// Rule tree (exclusive with ``audienceRule``).
    public var targetRule: SandboxJSON?
    /// Combination of other audiences (exclusive with ``targetRule``).
    public var audienceRule: SandboxJSON?
    /// Workspace id.
    public var workspace: String
    /// Creation time.
    public var createdAt: Date
    /// Last modification time.
    public var modifiedAt: Date

    /// Creates an audience.
    public init(
        id: Int64, name: String, description: String?, origin: String = "target", targetRule: SandboxJSON?,
        audienceRule: SandboxJSON? = nil, workspace: String, createdAt: Date, modifiedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.origin = origin
        self.targetRule = targetRule
        self.audienceRule = audienceRule
        self.workspace = workspace
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt ?? createdAt
    }
}
