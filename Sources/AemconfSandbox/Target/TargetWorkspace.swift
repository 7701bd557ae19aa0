/// A Target workspace: a product profile of Adobe Target in the console (target.md §5).
public struct TargetWorkspace: Codable, Sendable, Equatable {
    /// Workspace id, as audiences' `workspace` field holds it.
    public var id: String
    /// Name, e.g. "Default Workspace".
    public var name: String
    /// The console product profile (`licenseConfigs[].id`) that grants access to it.
    public var productProfileID: String
    /// Whether audiences without a `workspace` field land here.
    public var isDefault: Bool

    /// Creates a workspace.
    public init(id: String, name: String, productProfileID: String, isDefault: Bool = false) {
        self.id = id
        self.name = name
        self.productProfileID = productProfileID
        self.isDefault = isDefault
    }
}
