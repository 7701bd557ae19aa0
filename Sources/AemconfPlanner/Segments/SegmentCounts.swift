import AemconfModel

/// How many AEM segments a sync creates, updates, deletes and leaves alone.
public struct SegmentCounts: Sendable, Hashable, Codable {
    /// Segments to create.
    public var create = 0
    /// Segments to update (a rename, a description or workspace change: never delete + create).
    public var update = 0
    /// Segments to delete.
    public var delete = 0
    /// Owned segments that stay as they are.
    public var unchanged = 0

    /// Creates counts.
    public init(create: Int = 0, update: Int = 0, delete: Int = 0, unchanged: Int = 0) {
        self.create = create
        self.update = update
        self.delete = delete
        self.unchanged = unchanged
    }

    /// Whether the sync writes anything.
    public var hasChanges: Bool { create + update + delete > 0 }

    /// Adds `other`.
    public static func + (lhs: SegmentCounts, rhs: SegmentCounts) -> SegmentCounts {
        SegmentCounts(
            create: lhs.create + rhs.create, update: lhs.update + rhs.update, delete: lhs.delete + rhs.delete,
            unchanged: lhs.unchanged + rhs.unchanged
        )
    }

    /// `+12 ~3 -1 (unchanged 99,984)`.
    public var text: String {
        "+\(Self.grouped(create)) ~\(Self.grouped(update)) -\(Self.grouped(delete)) (unchanged \(Self.grouped(unchanged)))"
    }

    /// `99984` as `99,984`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (number < 0 ? "-" : "") + result
    }
}

/// Which audiences a sync reads.
public enum SegmentPass: String, Sendable, Hashable, Codable {
    /// Every audience, sorted by id: catches deletions.
    case full
    /// A full pass an interrupted apply left part-way: resumes from its checkpoint.
    case resumedFull = "resumed-full"
    /// Only the audiences changed since the last sync's high-water mark (`sortBy=-modifiedAt`).
    case incremental
}

/// What the refresher found for one cloud service's segment sync: the counts and the segments aemconf leaves alone.
public struct SegmentForecast: Sendable, Hashable, Codable {
    /// The pass apply will make.
    public var pass: SegmentPass
    /// The counts.
    public var counts: SegmentCounts
    /// Segment pages under the root without aemconf's marker (authored by hand): never touched.
    public var handAuthored: Int
    /// The first few of them.
    public var handAuthoredPaths: [String]
    /// The folder holding the segments.
    public var root: String

    /// Creates a forecast.
    public init(
        pass: SegmentPass, counts: SegmentCounts, handAuthored: Int = 0, handAuthoredPaths: [String] = [], root: String
    ) {
        self.pass = pass
        self.counts = counts
        self.handAuthored = handAuthored
        self.handAuthoredPaths = handAuthoredPaths
        self.root = root
    }
}

/// The planner's input for one cloud service whose `segmentSync.mode` is `aemconf`.
public struct SegmentSyncInput: Sendable, Hashable {
    /// The cloud service.
    public var address: ResourceAddress
    /// `segmentSync.maxDeletes`.
    public var maxDeletes: Int
    /// `--allow-mass-delete`.
    public var allowMassDelete: Bool
    /// What the refresher counted; `nil` when it could not look (the credential or the service is made by this apply).
    public var forecast: SegmentForecast?
    /// Why there is no forecast.
    public var unknownReason: String?
    /// Nothing was read (`--refresh false`): the sync is not run.
    public var notRead: Bool

    /// Creates an input.
    public init(
        address: ResourceAddress, maxDeletes: Int, allowMassDelete: Bool, forecast: SegmentForecast?,
        unknownReason: String? = nil,
        notRead: Bool = false
    ) {
        self.address = address
        self.maxDeletes = maxDeletes
        self.allowMassDelete = allowMassDelete
        self.forecast = forecast
        self.unknownReason = unknownReason
        self.notRead = notRead
    }
}

/// One cloud service's segment sync in a plan.
public struct SegmentSyncPlan: Sendable, Hashable, Codable {
    /// The cloud service.
    public var address: ResourceAddress
    /// The counts, or `nil` when known only after apply.
    public var forecast: SegmentForecast?
    /// Why the counts are unknown.
    public var unknownReason: String?
    /// The deletion cap apply enforces (`maxDeletes`, or no cap with `--allow-mass-delete`).
    public var maxDeletes: Int?
    /// Not read at all (`--refresh false`): apply leaves the segments alone.
    public var notRead: Bool

    /// Creates an entry.
    public init(
        address: ResourceAddress, forecast: SegmentForecast?, unknownReason: String? = nil, maxDeletes: Int?,
        notRead: Bool = false
    ) {
        self.address = address
        self.forecast = forecast
        self.unknownReason = unknownReason
        self.maxDeletes = maxDeletes
        self.notRead = notRead
    }

    /// Whether apply runs the sync: it changes something, or the counts are known only after apply.
    public var runs: Bool { notRead ? false : forecast.map { $0.counts.hasChanges } ?? true }

    /// The plan line: `segments: +12 ~3 -1 (unchanged 99,984)`.
    public var line: String {
        if notRead { return "segments: not read (refresh is off; apply leaves them alone)" }
        guard let forecast else { return "segments: (known after apply)" }
        let pass =
            forecast.pass == .incremental ? "" : forecast.pass == .full ? ", full pass" : ", resuming a full pass"
        return "segments: \(forecast.counts.text)\(pass)"
    }
}
