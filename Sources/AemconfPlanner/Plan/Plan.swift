import AemconfModel
import Foundation

/// A plan: the changes apply will make, and the state and config they were computed against.
///
/// A value: `aemconf plan --out` saves it, `aemconf apply` without a file shows and applies this same
/// value. It never holds a secret (sensitive attributes are fingerprints).
public struct Plan: Sendable, Hashable, Codable {
    /// The saved-plan format this aemconf writes and reads.
    public static let currentFormatVersion = 1

    /// The format version.
    public var formatVersion: Int
    /// The aemconf version that made the plan.
    public var toolVersion: String
    /// When the plan was made.
    public var createdAt: Date
    /// The named state (workspace).
    public var workspace: String
    /// The state lineage the plan was computed against (`""` for a state that did not exist yet).
    public var lineage: String
    /// The state serial the plan was computed against.
    public var serial: Int64
    /// SHA-256 of the canonical desired attributes (no secret values, no source positions).
    public var configDigest: String
    /// Whether live objects were read back (`--refresh=false` skips it).
    public var refreshed: Bool
    /// One entry per resource in config or state, in apply order.
    public var changes: [PlannedChange]
    /// Changes made outside aemconf.
    public var drift: [Drift]
    /// Why the plan cannot be applied; empty when it can.
    public var problems: [PlanProblem]
    /// The segment syncs (`segmentSync.mode: aemconf`), one per cloud service.
    public var segmentSyncs: [SegmentSyncPlan] {
        get { storedSegmentSyncs ?? [] }
        set { storedSegmentSyncs = newValue.isEmpty ? nil : newValue }
    }
    private var storedSegmentSyncs: [SegmentSyncPlan]?

    private enum CodingKeys: String, CodingKey {
        case formatVersion, toolVersion, createdAt, workspace, lineage, serial, configDigest, refreshed, changes, drift
        case problems
        case storedSegmentSyncs = "segmentSyncs"
    }

    /// Creates a plan.
    public init(
        formatVersion: Int = Plan.currentFormatVersion,
        toolVersion: String,
        createdAt: Date,
        workspace: String,
        lineage: String,
        serial: Int64,
        configDigest: String,
        refreshed: Bool,
        changes: [PlannedChange],
        drift: [Drift] = [],
        problems: [PlanProblem] = [],
        segmentSyncs: [SegmentSyncPlan] = []
    ) {
        self.formatVersion = formatVersion
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.configDigest = configDigest
        self.refreshed = refreshed
        self.changes = changes
        self.drift = drift
        self.problems = problems
        self.storedSegmentSyncs = segmentSyncs.isEmpty ? nil : segmentSyncs
    }

    /// Whether apply would change anything remote.
    public var hasChanges: Bool { changes.contains { $0.action.changesRemote } || segmentSyncs.contains(where: \.runs) }

    /// Whether the plan can be applied (no problems).
    public var isApplyable: Bool { problems.isEmpty }

    /// The changes that do something (not no-op).
    public var actionableChanges: [PlannedChange] { changes.filter { $0.action != .noOp } }

    /// The segment syncs apply runs.
    public var runningSegmentSyncs: [SegmentSyncPlan] { segmentSyncs.filter(\.runs) }

    /// Whether apply has anything to do: a resource step or a segment sync.
    public var hasWork: Bool { !actionableChanges.isEmpty || !runningSegmentSyncs.isEmpty }

    /// How many changes of each action.
    public var summary: PlanSummary {
        var summary = PlanSummary()
        for change in changes {
            switch change.action {
            case .create: summary.create += 1
            case .update: summary.update += 1
            case .replace: summary.replace += 1
            case .delete: summary.delete += 1
            case .verify: summary.verify += 1
            case .noOp: summary.unchanged += 1
            }
        }
        return summary
    }

    /// The change for `address`.
    public func change(for address: ResourceAddress) -> PlannedChange? {
        changes.first { $0.address == address }
    }
}

/// Counts of a plan's actions.
public struct PlanSummary: Sendable, Hashable, Codable {
    /// Creates.
    public var create = 0
    /// In-place updates.
    public var update = 0
    /// Replaces.
    public var replace = 0
    /// Deletes.
    public var delete = 0
    /// Verify-only.
    public var verify = 0
    /// No-ops.
    public var unchanged = 0

    /// Creates zero counts.
    public init() {}
}
