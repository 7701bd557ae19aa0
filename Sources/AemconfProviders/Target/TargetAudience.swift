import AemconfModel

/// A Target audience (target.md §3): the rule tree is kept as JSON.
public struct TargetAudience: Sendable, Equatable, Codable {
    /// Server-assigned id.
    public var id: Int64?
    /// The unique name (≤ 255 characters).
    public var name: String
    /// The description.
    public var description: String?
    /// `target` or `cloud`.
    public var origin: String?
    /// The rule tree (`{"and": [...]}`); omitted in list items.
    public var targetRule: JSONValue?
    /// Combination of audiences by id; exclusive with `targetRule`.
    public var audienceRule: JSONValue?
    /// `reusable`, `anonymous`, `property`.
    public var type: String?
    /// The workspace id (Target Premium).
    public var workspace: String?
    /// Last modification time as Target renders it.
    public var modifiedAt: String?

    /// Creates an audience value for create/update.
    public init(
        id: Int64? = nil,
        name: String,
        description: String? = nil,
        targetRule: JSONValue? = nil,
        audienceRule: JSONValue? = nil,
        workspace: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.targetRule = targetRule
        self.audienceRule = audienceRule
        self.workspace = workspace
    }

    /// The body sent on create and update: only the writable fields that are set.
    var writableBody: TargetAudience {
        var body = TargetAudience(
            name: name, description: description, targetRule: targetRule, audienceRule: audienceRule,
            workspace: workspace)
        body.id = nil
        return body
    }
}

/// A Target property (target.md §4), v1.
public struct TargetProperty: Sendable, Equatable, Codable {
    /// The id.
    public var id: Int64?
    /// The name.
    public var name: String
    /// `web`, `mobile`, `email`, `other`.
    public var channel: String?
    /// The workspace ids.
    public var workspaces: [String]?
    /// The property token.
    public var token: String?
}
