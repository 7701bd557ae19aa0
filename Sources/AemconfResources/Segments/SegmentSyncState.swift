import AemconfModel
import AemconfPlanner
import Foundation

/// What state keeps about a cloud service's segment sync, in its row's `remoteIDs` (`segments.*`): the high-water
/// mark, when the last full pass finished, how many segments aemconf owns, and an interrupted full pass's checkpoint.
public struct SegmentSyncState: Sendable, Equatable {
    /// The newest `modifiedAt` the last completed sync saw.
    public var highWater: String?
    /// When the last full pass completed.
    public var fullPassAt: Date?
    /// Segments aemconf owns.
    public var owned: Int
    /// Where an interrupted full pass resumes.
    public var checkpoint: SegmentCheckpoint?
    /// The folder the segments were written to, so they can be found (and deleted) after the config changed.
    public var root: String?

    enum Key {
        static let highWater = "segments.highWater"
        static let fullPassAt = "segments.fullPassAt"
        static let owned = "segments.owned"
        static let checkpoint = "segments.checkpoint"
        static let root = "segments.root"
    }

    /// Reads the `segments.*` keys of a row's remote ids.
    public init(remoteIDs: [String: String]) {
        highWater = remoteIDs[Key.highWater]
        fullPassAt = remoteIDs[Key.fullPassAt].flatMap { try? Date($0, strategy: .iso8601) }
        owned = remoteIDs[Key.owned].flatMap(Int.init) ?? 0
        checkpoint = remoteIDs[Key.checkpoint].flatMap(SegmentCheckpoint.init(text:))
        root = remoteIDs[Key.root]
    }

    /// Writes the `segments.*` keys into `remoteIDs`.
    public func write(into remoteIDs: inout [String: String]) {
        remoteIDs[Key.highWater] = highWater
        remoteIDs[Key.fullPassAt] = fullPassAt.map { $0.formatted(.iso8601) }
        remoteIDs[Key.owned] = String(owned)
        remoteIDs[Key.checkpoint] = checkpoint?.text
        remoteIDs[Key.root] = root
    }

    /// The pass the next sync makes: resume a checkpoint, a full pass when forced, never done, or older than
    /// `everyDays`, else incremental.
    public func pass(fullResync: Bool, everyDays: Int, now: Date) -> SegmentPass {
        if checkpoint != nil { return .resumedFull }
        if fullResync { return .full }
        guard highWater != nil, let fullPassAt else { return .full }
        return now.timeIntervalSince(fullPassAt) >= Double(everyDays) * 86_400 ? .full : .incremental
    }
}
