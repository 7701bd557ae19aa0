import AemconfProviders

/// How a run synchronises segments: the command line's choices and the hooks apply reports through.
public struct SegmentSyncOptions: Sendable {
    /// `--full-resync`: a full pass even when the last one is recent.
    public var fullResync: Bool
    /// `--allow-mass-delete`: no `maxDeletes` cap.
    public var allowMassDelete: Bool
    /// Audiences per list page of a full pass.
    public var pageSize: Int
    /// Called after every page apply writes.
    public var progress: @Sendable (SegmentProgress) -> Void
    /// Called after each checkpoint is committed, with how many this run committed (debug crash hooks).
    public var afterCheckpoint: @Sendable (Int) -> Void
    /// Polled between pages: `true` stops after the page being written (its checkpoint is kept).
    public var shouldStop: @Sendable () -> Bool

    /// Creates options.
    public init(
        fullResync: Bool = false,
        allowMassDelete: Bool = false,
        pageSize: Int = ServiceAssumptions.segmentSyncPageSize,
        progress: @escaping @Sendable (SegmentProgress) -> Void = { _ in },
        afterCheckpoint: @escaping @Sendable (Int) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) {
        self.fullResync = fullResync
        self.allowMassDelete = allowMassDelete
        self.pageSize = max(1, pageSize)
        self.progress = progress
        self.afterCheckpoint = afterCheckpoint
        self.shouldStop = shouldStop
    }
}
