import AemconfModel
import AemconfPlanner
import AemconfResources
import Foundation

/// Walks a plan's changes in dependency order with bounded concurrency: each step starts once the steps it
/// depends on have finished, runs its resource driver (which journals intents and commits its row), and
/// reports ``ApplyEvent``s. A failed step skips what depends on it; an interrupt starts no new step.
public struct Applier: Sendable {
    /// The drivers' context.
    public var context: DriverContext
    /// At most this many steps at once.
    public var parallelism: Int
    /// Polled before each new step: `true` stops scheduling (first Ctrl-C).
    public var shouldStop: @Sendable () -> Bool
    /// Runs before each step; a throw (the lock was lost) fails that step and starts no other.
    public var beforeStep: @Sendable () async throws -> Void
    /// How segment syncs run (`--full-resync`, page size, hooks); progress is reported as ``ApplyEvent``s.
    public var segments = SegmentSyncOptions()

    /// Creates an applier.
    public init(
        context: DriverContext,
        parallelism: Int = 10,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        beforeStep: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.context = context
        self.parallelism = max(1, parallelism)
        self.shouldStop = shouldStop
        self.beforeStep = beforeStep
    }

    /// Applies `plan`, reporting to `events`.
    public func apply(_ plan: Plan, events: @escaping @Sendable (ApplyEvent) -> Void) async -> ApplySummary {
        let steps = plan.changes.filter { $0.action != .noOp }
        var schedule = StepSchedule(steps)
        var running = 0
        var summary = ApplySummary()
        let drivers = ResourceDrivers(context: context)
        let beforeStep = self.beforeStep
        var halted = false

        await withTaskGroup(of: (Int, Double, String?).self) { group in
            func startReadySteps() {
                while running < parallelism, schedule.hasReady {
                    if halted { return }
                    if shouldStop() {
                        summary.interrupted = true
                        return
                    }
                    guard let (index, change) = schedule.start() else { return }
                    running += 1
                    events(.started(change.address, change.action))
                    group.addTask {
                        let started = ContinuousClock.now
                        do {
                            do {
                                try await beforeStep()
                            } catch {
                                return (index, -1, String(describing: error))
                            }
                            try await drivers.apply(change)
                            let elapsed = started.duration(to: .now)
                            return (
                                index,
                                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                nil
                            )
                        } catch {
                            return (index, 0, String(describing: error))
                        }
                    }
                }
            }
            startReadySteps()
            while let (index, seconds, failure) = await group.next() {
                running -= 1
                let change = steps[index]
                if let failure {
                    if seconds < 0 { halted = true }
                    summary.failed[change.address] = failure
                    events(.failed(change.address, change.action, message: failure))
                    for (skipped, dependency) in schedule.failed(index) {
                        let reason = "'\(dependency)' did not finish"
                        summary.skipped[skipped.address] = reason
                        events(.skipped(skipped.address, skipped.action, reason: reason))
                    }
                } else {
                    summary.done[change.address] = change.action
                    events(.finished(change.address, change.action, seconds: seconds))
                    schedule.finished(index)
                }
                startReadySteps()
            }
        }
        await syncSegments(plan, summary: &summary, events: events)
        for change in schedule.neverStarted where summary.skipped[change.address] == nil {
            let reason =
                summary.interrupted
                ? "interrupted before it started"
                : halted ? "the run stopped: the state lock was lost" : "its dependencies did not finish"
            summary.skipped[change.address] = reason
            events(.skipped(change.address, change.action, reason: reason))
        }
        if !summary.interrupted, !halted {
            await finish(steps, drivers: drivers, summary: &summary, events: events)
        }
        return summary
    }

    /// After the walk: what rotations and migrations retired is removed, for each finished step whose
    /// dependents (transitively) all finished too — never while something may still use the old credential.
    private func finish(
        _ steps: [PlannedChange],
        drivers: ResourceDrivers,
        summary: inout ApplySummary,
        events: @escaping @Sendable (ApplyEvent) -> Void
    ) async {
        var dependents: [ResourceAddress: [ResourceAddress]] = [:]
        for step in steps where step.action != .delete {
            for dependency in step.dependencies { dependents[dependency, default: []].append(step.address) }
        }
        func allFinished(_ address: ResourceAddress, seen: inout Set<ResourceAddress>) -> Bool {
            for dependent in dependents[address] ?? [] where seen.insert(dependent).inserted {
                let finished = summary.failed[dependent] == nil && summary.done[dependent] != nil
                guard finished, allFinished(dependent, seen: &seen) else { return false }
            }
            return true
        }
        for step in steps.reversed() where step.action != .delete && summary.done[step.address] != nil {
            var seen: Set<ResourceAddress> = []
            guard allFinished(step.address, seen: &seen) else { continue }
            do {
                try await beforeStep()
                try await drivers.finish(step)
            } catch {
                let message = "removing what the rotation retired: \(error)"
                summary.failed[step.address] = message
                events(.failed(step.address, step.action, message: message))
            }
        }
    }

    /// Runs the plan's segment syncs, one cloud service at a time, after the resource steps (a sync needs its
    /// cloud service and credential applied); a sync whose cloud service did not finish is not started.
    private func syncSegments(
        _ plan: Plan, summary: inout ApplySummary, events: @escaping @Sendable (ApplyEvent) -> Void
    ) async {
        for sync in plan.runningSegmentSyncs {
            let address = sync.address
            if let reason = summary.failed[address] ?? summary.skipped[address]
                ?? (summary.interrupted ? "interrupted" : nil)
            {
                summary.segmentsFailed[address] = "not started: \(reason)"
                continue
            }
            guard let service = context.config.targetCloudServices[address.name] else {
                summary.segmentsFailed[address] = EngineError.notInConfig(address).description
                continue
            }
            var options = segments
            let report = segments.progress
            options.progress = { progress in
                report(progress)
                events(.segmentsProgress(progress))
            }
            let stop = shouldStop
            options.shouldStop = { stop() }
            events(.segmentsStarted(address))
            let started = ContinuousClock.now
            do {
                try await beforeStep()
                let result = try await SegmentSyncer(service: service, context: context, options: options)
                    .apply(maxDeletes: sync.maxDeletes)
                let elapsed = started.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if result.completed {
                    summary.segmentsDone[address] = result.counts
                } else {
                    summary.interrupted = true
                }
                events(.segmentsFinished(address, result.counts, seconds: seconds, completed: result.completed))
            } catch {
                summary.segmentsFailed[address] = String(describing: error)
                events(.segmentsFailed(address, message: String(describing: error)))
            }
        }
    }
}
