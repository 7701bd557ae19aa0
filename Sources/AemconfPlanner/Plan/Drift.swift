import AemconfModel

/// A change made outside aemconf, found by refresh: shown apart from the config's pending changes.
public struct Drift: Sendable, Hashable, Codable {
    /// What changed.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An attribute differs from what aemconf last applied.
        case changed
        /// The remote object is gone.
        case deleted
    }

    /// The resource.
    public var address: ResourceAddress
    /// What changed.
    public var kind: Kind
    /// For ``Kind/changed``: the attribute, as last applied and as found live.
    public var attribute: String?
    /// The value aemconf last applied.
    public var stored: PlanValue?
    /// The value found live.
    public var live: PlanValue?

    /// Creates a drift entry.
    public init(
        address: ResourceAddress, kind: Kind, attribute: String? = nil, stored: PlanValue? = nil, live: PlanValue? = nil
    ) {
        self.address = address
        self.kind = kind
        self.attribute = attribute
        self.stored = stored
        self.live = live
    }
}
