import AemconfModel

/// One resource's entry in a plan: the action, the attributes before and after, and why.
public struct PlannedChange: Sendable, Hashable, Codable {
    /// The resource.
    public var address: ResourceAddress
    /// What apply does.
    public var action: Action
    /// The attributes now (`nil` for a create).
    public var before: PlanAttributes?
    /// The attributes after apply (`nil` for a delete); unknown values are `.unknown`.
    public var after: PlanAttributes?
    /// The attributes that change (update and replace).
    public var attributeChanges: [AttributeChange]
    /// The resources that must be applied first (for a delete: the ones that must be deleted first).
    public var dependencies: [ResourceAddress]
    /// Whether apply first adopts an object an interrupted run left half made.
    public var resumesInterruptedCreate: Bool
    /// Why: "credential type changed", "deleted outside aemconf". Display only; apply never reads it.
    public var reasons: [String]

    /// Creates a change.
    public init(
        address: ResourceAddress,
        action: Action,
        before: PlanAttributes? = nil,
        after: PlanAttributes? = nil,
        attributeChanges: [AttributeChange] = [],
        dependencies: [ResourceAddress] = [],
        resumesInterruptedCreate: Bool = false,
        reasons: [String] = []
    ) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.attributeChanges = attributeChanges
        self.dependencies = dependencies
        self.resumesInterruptedCreate = resumesInterruptedCreate
        self.reasons = reasons
    }
}
