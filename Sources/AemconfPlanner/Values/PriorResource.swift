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

    /// Creates a prior resource.
    public init(
        address: ResourceAddress,
        attributes: PlanAttributes,
        outputs: PlanAttributes = [:],
        dependencies: [ResourceAddress] = []
    ) {
        self.address = address
        self.attributes = attributes
        self.outputs = outputs
        self.dependencies = dependencies
    }
}
