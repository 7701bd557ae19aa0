import AemconfModel
import AemconfPlanner
import AemconfProviders

/// One cloud service's segment sync: who owns the segments, where they live, which audiences count.
public struct SegmentScope: Sendable {
    /// The owner written into every marker: the cloud service's address.
    public var owner: String
    /// The folder holding the segments.
    public var root: String
    /// The config's settings.
    public var settings: SegmentSync

    /// The scope of `service` (its `segmentSync` or the defaults).
    public init(_ service: TargetCloudService) {
        owner = service.address.description
        settings = service.segmentSync ?? SegmentSync()
        root = settings.root ?? AEMClient.defaultSegmentRoot(pageName: service.effectivePageName)
    }

    /// The segment for `audience`, or `nil` when the filters leave it out (or it has no id).
    func segment(for audience: TargetAudience) -> AEMSegment? {
        guard let id = audience.id else { return nil }
        let workspace = audience.workspace ?? ""
        guard settings.accepts(name: audience.name, workspace: workspace) else { return nil }
        return AEMSegment(
            audienceID: id, name: audience.name, description: audience.description ?? "", workspace: workspace,
            modifiedAt: audience.modifiedAt ?? ""
        )
    }
}

/// Where an interrupted full pass resumes: the list offset after the last written page, the last audience id it
/// covered, how many owned segments the pass had counted so far, and the high-water mark it had seen.
public struct SegmentCheckpoint: Sendable, Equatable {
    /// The next list offset.
    public var offset: Int
    /// Every audience id up to this one is done.
    public var lastID: Int64
    /// Owned segments counted so far.
    public var owned: Int
    /// The newest `modifiedAt` seen so far.
    public var highWater: String

    /// Creates a checkpoint.
    public init(offset: Int, lastID: Int64, owned: Int, highWater: String) {
        self.offset = offset
        self.lastID = lastID
        self.owned = owned
        self.highWater = highWater
    }

    /// `offset:lastID:owned:highWater`, as state keeps it.
    public var text: String { "\(offset):\(lastID):\(owned):\(highWater)" }

    /// Parses ``text``.
    public init?(text: String) {
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let offset = Int(parts[0]), let lastID = Int64(parts[1]), let owned = Int(parts[2])
        else {
            return nil
        }
        self.init(offset: offset, lastID: lastID, owned: owned, highWater: String(parts[3]))
    }
}

/// What one page of a pass asks of AEM.
struct SegmentWork: Sendable {
    /// Segments to create or update (one import per batch).
    var writes: [AEMSegment] = []
    /// Segment pages to delete.
    var deletes: [String] = []
    /// The counts of this page.
    var counts = SegmentCounts()
    /// Owned segments left after this page (unchanged + written + kept orphans).
    var owned = 0
    /// Audiences read on this page.
    var audiencesRead = 0
    /// The list's total, when Target says it.
    var total: Int?
    /// The newest `modifiedAt` on this page.
    var highWater = ""
    /// For a full pass: where a resume starts once this page is written.
    var resumeOffset: Int?
    /// For a full pass: the last audience id this page covers.
    var lastID: Int64?
}
