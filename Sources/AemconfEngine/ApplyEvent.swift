import AemconfModel
import AemconfPlanner
import AemconfResources
import Foundation

/// What the applier reports as it goes (Terraform's hook): the UI renders these, `--json` streams them.
public enum ApplyEvent: Sendable, Equatable {
    /// A step started.
    case started(ResourceAddress, Action)
    /// A step finished and its resource is committed.
    case finished(ResourceAddress, Action, seconds: Double)
    /// A step failed; `message` names the service, method, path, status and remote message when a service failed.
    case failed(ResourceAddress, Action, message: String)
    /// A step was not started (a dependency failed, or the run was interrupted).
    case skipped(ResourceAddress, Action, reason: String)
    /// A cloud service's segment sync started.
    case segmentsStarted(ResourceAddress)
    /// A segment sync wrote a page (counts, rate, ETA).
    case segmentsProgress(SegmentProgress)
    /// A segment sync finished; `completed` is false when an interrupt stopped it at a checkpoint.
    case segmentsFinished(ResourceAddress, SegmentCounts, seconds: Double, completed: Bool)
    /// A segment sync failed.
    case segmentsFailed(ResourceAddress, message: String)
}

/// How a run ended.
public struct ApplySummary: Sendable, Equatable {
    /// Steps that finished, by address.
    public var done: [ResourceAddress: Action] = [:]
    /// Steps that failed, with their messages.
    public var failed: [ResourceAddress: String] = [:]
    /// Steps never started, with why.
    public var skipped: [ResourceAddress: String] = [:]
    /// Whether the run stopped early because of an interrupt.
    public var interrupted = false
    /// Segment syncs that finished, with what they did.
    public var segmentsDone: [ResourceAddress: SegmentCounts] = [:]
    /// Segment syncs that failed or were not started, with why.
    public var segmentsFailed: [ResourceAddress: String] = [:]

    /// Creates an empty summary.
    public init() {}

    /// Whether every step finished.
    public var succeeded: Bool { failed.isEmpty && skipped.isEmpty && segmentsFailed.isEmpty && !interrupted }

    /// How many steps of each action finished.
    public func count(_ action: Action) -> Int { done.values.filter { $0 == action }.count }
}
