/// `segmentSync` of a Target cloud service: "Synchronize segments from Adobe Target".
public struct SegmentSync: Sendable, Hashable {
    /// Who synchronises.
    public var mode: SegmentSyncMode
    /// Target workspaces whose audiences are synchronised (`aemconf` mode).
    public var workspaces: [String]
    /// Delete AEM segments aemconf created whose audience is gone (`aemconf` mode).
    public var prune: Bool
    /// Refuse a sync that would delete more than this many segments (`aemconf` mode).
    public var maxDeletes: Int

    /// The default workspace list.
    public static let defaultWorkspaces = ["Default Workspace"]
    /// The default deletion cap.
    public static let defaultMaxDeletes = 50

    /// Creates segment-sync settings.
    public init(
        mode: SegmentSyncMode = .aemconf,
        workspaces: [String] = SegmentSync.defaultWorkspaces,
        prune: Bool = false,
        maxDeletes: Int = SegmentSync.defaultMaxDeletes
    ) {
        self.mode = mode
        self.workspaces = workspaces
        self.prune = prune
        self.maxDeletes = maxDeletes
    }
}
