import AemconfModel

/// What state recorded for one resource at its last apply: the attributes it was applied with and the
/// outputs the services handed out (client id, technical account, …).
public struct PriorResource: Sendable, Hashable {
    /// The resource's address.
    public var address: ResourceAddress
    /// The attributes as applied.
    public var attributes: PlanAttributes
    /// Outputs other resources may refer to.
    public var outputs: PlanAttributes
    /// The resources it depended on when applied (deletes run in reverse of these).
    public var dependencies: [ResourceAddress]
    /// What an interrupted rotation or migration left to finish (old objects still to remove), if anything.
    public var unfinished: String?
    /// Renewable parts an interrupted run started to renew (a new key pair sealed in state, not yet in use).
    public var pendingRenewals: [String]

    /// Creates a prior resource.
    public init(
        address: ResourceAddress,
        attributes: PlanAttributes,
        outputs: PlanAttributes = [:],
        dependencies: [ResourceAddress] = [],
        unfinished: String? = nil,
        pendingRenewals: [String] = []
    ) {
        self.address = address
        self.attributes = attributes
        self.outputs = outputs
        self.dependencies = dependencies
        self.unfinished = unfinished
        self.pendingRenewals = pendingRenewals
    }
}
