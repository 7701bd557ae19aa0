import AemconfModel
import AemconfPlanner

/// How far a segment sync is: what apply reports after each page (and while it waits for Target's rate limit).
public struct SegmentProgress: Sendable, Equatable {
    /// The cloud service.
    public var address: ResourceAddress
    /// The pass.
    public var pass: SegmentPass
    /// Audiences read so far in this run.
    public var audiencesRead: Int
    /// The list's total (a full pass), if known.
    public var total: Int?
    /// Segments written and deleted so far.
    public var counts: SegmentCounts
    /// Seconds since the sync started.
    public var elapsedSeconds: Double
    /// Whether this is the last report.
    public var finished: Bool

    /// Creates a report.
    public init(
        address: ResourceAddress, pass: SegmentPass, audiencesRead: Int, total: Int?, counts: SegmentCounts,
        elapsedSeconds: Double, finished: Bool
    ) {
        self.address = address
        self.pass = pass
        self.audiencesRead = audiencesRead
        self.total = total
        self.counts = counts
        self.elapsedSeconds = elapsedSeconds
        self.finished = finished
    }

    /// Audiences per second.
    public var rate: Double { elapsedSeconds > 0 ? Double(audiencesRead) / elapsedSeconds : 0 }

    /// Seconds left at the current rate, when the total is known.
    public var etaSeconds: Double? {
        guard let total, rate > 0, total >= audiencesRead else { return nil }
        return Double(total - audiencesRead) / rate
    }
}
