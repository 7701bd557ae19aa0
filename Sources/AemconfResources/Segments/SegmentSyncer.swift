import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// One cloud service's segment sync (`segmentSync.mode: aemconf`): counts what a sync would do for the plan, and
/// runs it during apply, page by page, writing segments in batches and committing a checkpoint after each page.
public struct SegmentSyncer: Sendable {
    /// The cloud service.
    public let service: TargetCloudService
    /// The drivers' context (services, journal, sealer).
    public let context: DriverContext
    /// The run's choices.
    public let options: SegmentSyncOptions

    /// Creates a syncer.
    public init(service: TargetCloudService, context: DriverContext, options: SegmentSyncOptions) {
        self.service = service
        self.context = context
        self.options = options
    }

    var address: ResourceAddress { service.address }
    var scope: SegmentScope { SegmentScope(service) }

    /// Whether `service` is synchronised by aemconf.
    public static func syncs(_ service: TargetCloudService) -> Bool { service.segmentSync?.mode == .aemconf }

    private func makeScanner() async throws -> SegmentScanner {
        let target = try await context.targetClient(for: service)
        return SegmentScanner(target: target, aem: context.session.aem, scope: scope, pageSize: options.pageSize)
    }

    // MARK: - Plan

    /// The planner's input: what a sync would do now, counted without writing; no counts when the cloud service
    /// or its credential is made by this apply.
    public func plannerInput() async throws -> SegmentSyncInput {
        let settings = scope.settings
        func input(_ forecast: SegmentForecast?, _ reason: String? = nil) -> SegmentSyncInput {
            SegmentSyncInput(
                address: address, maxDeletes: settings.maxDeletes, allowMassDelete: options.allowMassDelete,
                forecast: forecast, unknownReason: reason
            )
        }
        guard let row = await context.journal.current(address), row.remoteIDs["pageName"] != nil else {
            return input(nil, "the cloud service is created by this apply")
        }
        let scanner: SegmentScanner
        do {
            scanner = try await makeScanner()
        } catch let error as EngineError {
            return input(nil, "its credential is made by this apply (\(error))")
        }
        do {
            return input(try await forecast(scanner, state: SegmentSyncState(remoteIDs: row.remoteIDs)))
        } catch let error as ServiceError {
            // A credential the services refuse (a secret rotated elsewhere, say) is what this apply may repair:
            // the counts wait for apply, which reports the failure with its cause if it persists.
            let cause =
                error.service == .ims
                ? FailureCause.imsToken(error) : FailureCause.targetRead(error, tenant: service.effectiveTenantId)
            return input(nil, "not counted: " + FailureCause.explained(String(describing: error), cause))
        }
    }

    private func forecast(_ scanner: SegmentScanner, state: SegmentSyncState) async throws -> SegmentForecast {
        var pass = state.pass(
            fullResync: options.fullResync, everyDays: scope.settings.fullResyncEveryDays, now: context.now)
        var counts = SegmentCounts()
        if pass == .incremental, let since = state.highWater {
            do {
                try await scanner.incremental(since: since) { work in counts = counts + work.counts }
            } catch is SegmentScanner.SortRefused {
                pass = .full
                counts = SegmentCounts()
            }
        }
        if pass != .incremental {
            let resume = pass == .resumedFull ? state.checkpoint : nil
            try await scanner.full(from: resume) { work in counts = counts + work.counts }
        }
        if pass != .full {
            // The pass only looks at part of the list: everything else state counts stays as it is.
            counts.unchanged = max(0, state.owned - counts.update - counts.delete)
        }
        let hand = try await context.session.aem.unmarkedSegments(root: scope.root, limit: 5)
        return SegmentForecast(
            pass: pass, counts: counts, handAuthored: hand.total, handAuthoredPaths: hand.paths, root: scope.root)
    }

    // MARK: - Apply

    /// Runs the sync; returns what it did. `maxDeletes` is the cap the plan carries (`nil`: none).
    public func apply(maxDeletes: Int?) async throws -> (counts: SegmentCounts, completed: Bool) {
        guard let row = await context.journal.current(address) else {
            throw EngineError.missingDependency(address, dependency: address)
        }
        var state = SegmentSyncState(remoteIDs: row.remoteIDs)
        state.root = scope.root
        let scanner = try await makeScanner()
        let aem = context.session.aem
        let root = scope.root
        let owner = scope.owner
        let started = ContinuousClock.now
        var pass = state.pass(
            fullResync: options.fullResync, everyDays: scope.settings.fullResyncEveryDays, now: context.now)
        var totals = SegmentCounts()
        var read = 0
        var total: Int?
        var checkpoints = 0
        try await aem.ensureSegmentFolder(root)

        func report(finished: Bool) {
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            options.progress(
                SegmentProgress(
                    address: address, pass: pass, audiencesRead: read, total: total, counts: totals,
                    elapsedSeconds: seconds, finished: finished
                ))
        }
        func write(_ work: SegmentWork) async throws {
            if let maxDeletes, totals.delete + work.deletes.count > maxDeletes {
                throw EngineError.massDelete(
                    address, deletes: totals.delete + work.deletes.count, maxDeletes: maxDeletes)
            }
            let batch = ServiceAssumptions.segmentBatchSize
            for start in stride(from: 0, to: work.writes.count, by: batch) {
                try await aem.importSegments(
                    Array(work.writes[start..<min(work.writes.count, start + batch)]), root: root, owner: owner)
            }
            for start in stride(from: 0, to: work.deletes.count, by: batch) {
                try await aem.deleteSegments(
                    Array(work.deletes[start..<min(work.deletes.count, start + batch)]), root: root)
            }
            totals = totals + work.counts
            read += work.audiencesRead
            if let pageTotal = work.total { total = pageTotal }
            report(finished: false)
        }

        var stopped = false
        if pass == .incremental, let since = state.highWater {
            var highWater = since
            do {
                try await scanner.incremental(since: since) { work in
                    try await write(work)
                    highWater = max(highWater, work.highWater)
                }
                state.highWater = highWater
                state.owned = max(0, state.owned + totals.create - totals.delete)
            } catch is SegmentScanner.SortRefused {
                pass = .full
            }
        }
        if pass != .incremental {
            let resume = pass == .resumedFull ? state.checkpoint : nil
            var owned = resume?.owned ?? 0
            var highWater = resume?.highWater ?? ""
            struct Stop: Error {}
            do {
                try await scanner.full(from: resume) { work in
                    try await write(work)
                    owned += work.owned
                    highWater = max(highWater, work.highWater)
                    guard let offset = work.resumeOffset, let lastID = work.lastID, lastID != Int64.max else { return }
                    state.checkpoint = SegmentCheckpoint(
                        offset: offset, lastID: lastID, owned: owned, highWater: highWater)
                    try await commit(state)
                    checkpoints += 1
                    options.afterCheckpoint(checkpoints)
                    if options.shouldStop() { throw Stop() }
                }
                state.checkpoint = nil
                state.highWater = max(highWater, state.highWater ?? "")
                state.fullPassAt = context.now
                state.owned = owned
            } catch is Stop {
                stopped = true
            }
        }
        if !stopped {
            try await commit(state)
            // What the pass did not touch stays: everything owned that was neither written nor deleted.
            totals.unchanged = max(0, state.owned - totals.create - totals.update)
        }
        report(finished: true)
        return (totals, !stopped)
    }

    /// Records `state` in the cloud service's row (one fenced journal commit).
    private func commit(_ state: SegmentSyncState) async throws {
        guard var row = await context.journal.current(address) else { return }
        state.write(into: &row.remoteIDs)
        try await context.journal.commit(row, clearingIntent: nil)
    }
}

extension SegmentSyncer {
    /// The planner's inputs for every cloud service of `context.config` that aemconf synchronises; `observe: false`
    /// (`--refresh false`) reads nothing and leaves the counts to apply.
    public static func plannerInputs(context: DriverContext, options: SegmentSyncOptions, observe: Bool) async throws
        -> [SegmentSyncInput]
    {
        var inputs: [SegmentSyncInput] = []
        for service in context.config.config.targetCloudServices where syncs(service) {
            let syncer = SegmentSyncer(service: service, context: context, options: options)
            if observe {
                inputs.append(try await syncer.plannerInput())
            } else {
                inputs.append(
                    SegmentSyncInput(
                        address: service.address, maxDeletes: syncer.scope.settings.maxDeletes,
                        allowMassDelete: options.allowMassDelete, forecast: nil, notRead: true
                    ))
            }
        }
        return inputs
    }

    /// A read-only context over state's rows, for plan.
    public static func planContext(
        session: ServiceSession,
        rows: [ResourceAddress: StoredResource],
        sealer: SecretSealer?,
        scope: SealScope,
        fingerprinter: SecretFingerprinter,
        config: ConfigIndex,
        resolveSecret: @escaping @Sendable (SecretReference) throws -> Secret,
        readFile: @escaping @Sendable (String) -> [UInt8]?
    ) -> DriverContext {
        DriverContext(
            session: session, journal: SnapshotJournal(rows: rows), sealer: sealer, scope: scope,
            fingerprinter: fingerprinter, config: config, resolveSecret: resolveSecret, readFile: readFile
        )
    }
}
