import AemconfModel
import Foundation

/// Everything the planner reads: desired, prior and observed values, and the identity the plan records.
public struct PlannerInput: Sendable {
    /// What the config asks for.
    public var desired: [DesiredResource]
    /// What state recorded.
    public var prior: [PriorResource]
    /// What refresh read back; `nil` when refresh was skipped (`--refresh=false`).
    public var observed: [ResourceAddress: ObservedResource]?
    /// Plan a verify step for resources that do not change (`--verify`).
    public var verifyUnchanged: Bool
    /// The aemconf version.
    public var toolVersion: String
    /// When the plan is made: the run's clock, also what expiry and rotation policies are judged by.
    public var createdAt: Date
    /// Resources whose renewable parts are renewed now whatever their dates (`aemconf rotate ADDRESS`).
    public var requestedRenewals: Set<ResourceAddress>
    /// The named state.
    public var workspace: String
    /// The state lineage (`""` when the state does not exist yet).
    public var lineage: String
    /// The state serial.
    public var serial: Int64
    /// The digest of the desired attributes.
    public var configDigest: String
    /// The segment syncs of the cloud services in `aemconf` mode, with what the refresher counted.
    public var segmentSyncs: [SegmentSyncInput] = []

    /// Creates an input.
    public init(
        desired: [DesiredResource],
        prior: [PriorResource],
        observed: [ResourceAddress: ObservedResource]?,
        verifyUnchanged: Bool = false,
        toolVersion: String,
        createdAt: Date,
        workspace: String = "default",
        lineage: String = "",
        serial: Int64 = 0,
        configDigest: String = "",
        requestedRenewals: Set<ResourceAddress> = []
    ) {
        self.desired = desired
        self.prior = prior
        self.observed = observed
        self.verifyUnchanged = verifyUnchanged
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.configDigest = configDigest
        self.requestedRenewals = requestedRenewals
    }
}
