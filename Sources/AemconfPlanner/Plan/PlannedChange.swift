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
    /// The parts renewed in place of a full replace (`certificate`, `clientSecret`), in the driver's words;
    /// empty for every other change.
    public var renewals: [String]

    /// Creates a change.
    public init(
        address: ResourceAddress,
        action: Action,
        before: PlanAttributes? = nil,
        after: PlanAttributes? = nil,
        attributeChanges: [AttributeChange] = [],
        dependencies: [ResourceAddress] = [],
        resumesInterruptedCreate: Bool = false,
        reasons: [String] = [],
        renewals: [String] = []
    ) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.attributeChanges = attributeChanges
        self.dependencies = dependencies
        self.resumesInterruptedCreate = resumesInterruptedCreate
        self.reasons = reasons
        self.renewals = renewals
    }

    private enum CodingKeys: String, CodingKey {
        case address, action, before, after, attributeChanges, dependencies, resumesInterruptedCreate, reasons, renewals
    }

    /// Decodes a change; `renewals` is absent from plans saved before renewals existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decode(ResourceAddress.self, forKey: .address)
        action = try container.decode(Action.self, forKey: .action)
        before = try container.decodeIfPresent(PlanAttributes.self, forKey: .before)
        after = try container.decodeIfPresent(PlanAttributes.self, forKey: .after)
        attributeChanges = try container.decode([AttributeChange].self, forKey: .attributeChanges)
        dependencies = try container.decode([ResourceAddress].self, forKey: .dependencies)
        resumesInterruptedCreate = try container.decode(Bool.self, forKey: .resumesInterruptedCreate)
        reasons = try container.decode([String].self, forKey: .reasons)
        renewals = try container.decodeIfPresent([String].self, forKey: .renewals) ?? []
    }

    /// Encodes a change; `renewals` only when there are some (plans without renewals read as before).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(before, forKey: .before)
        try container.encodeIfPresent(after, forKey: .after)
        try container.encode(attributeChanges, forKey: .attributeChanges)
        try container.encode(dependencies, forKey: .dependencies)
        try container.encode(resumesInterruptedCreate, forKey: .resumesInterruptedCreate)
        try container.encode(reasons, forKey: .reasons)
        if !renewals.isEmpty { try container.encode(renewals, forKey: .renewals) }
    }
}
