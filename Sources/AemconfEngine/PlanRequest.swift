import AemconfModel
import AemconfPlanner
import AemconfResources
import AemconfState
import Foundation

/// Everything `plan` needs: the config, the services, the state as loaded and how to read it.
public struct PlanRequest: Sendable {
    /// The config.
    public var config: Config
    /// The service clients.
    public var session: ServiceSession
    /// The state snapshot the plan is computed against.
    public var snapshot: StateSnapshot
    /// Intents an interrupted run left open.
    public var openIntents: [Intent]
    /// Read live objects back (`--refresh`, default true).
    public var refresh: Bool
    /// Plan verify steps for unchanged resources (`--verify`).
    public var verify: Bool
    /// Bound on concurrent reads.
    public var parallelism: Int
    /// Resolves secret references.
    public var resolveSecret: @Sendable (SecretReference) throws -> Secret
    /// Reads files the config names.
    public var readFile: @Sendable (String) -> [UInt8]?
    /// The aemconf version.
    public var toolVersion: String
    /// Now.
    public var now: Date
    /// Plan the deletion of everything state records (`aemconf destroy`): the config's resources are not desired.
    public var destroy: Bool
    /// Resources whose credential is rotated now whatever its dates (`aemconf rotate ADDRESS`).
    public var requestedRenewals: Set<ResourceAddress>
    /// Opens sealed secrets (a segment sync's credential); `nil` without a state key.
    public var sealer: SecretSealer?
    /// How segment syncs are counted (`--full-resync`, `--allow-mass-delete`).
    public var segments: SegmentSyncOptions

    /// Creates a request.
    public init(
        config: Config,
        session: ServiceSession,
        snapshot: StateSnapshot,
        openIntents: [Intent],
        refresh: Bool = true,
        verify: Bool = false,
        parallelism: Int = 10,
        resolveSecret: @escaping @Sendable (SecretReference) throws -> Secret,
        readFile: @escaping @Sendable (String) -> [UInt8]?,
        toolVersion: String,
        now: Date,
        destroy: Bool = false,
        requestedRenewals: Set<ResourceAddress> = [],
        sealer: SecretSealer? = nil,
        segments: SegmentSyncOptions = SegmentSyncOptions()
    ) {
        self.config = config
        self.session = session
        self.snapshot = snapshot
        self.openIntents = openIntents
        self.refresh = refresh
        self.verify = verify
        self.parallelism = parallelism
        self.resolveSecret = resolveSecret
        self.readFile = readFile
        self.toolVersion = toolVersion
        self.now = now
        self.destroy = destroy
        self.requestedRenewals = requestedRenewals
        self.sealer = sealer
        self.segments = segments
    }
}
