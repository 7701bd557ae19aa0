import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfResources
import AemconfState
import ArgumentParser
import Foundation
import Logging

/// One sync of `aemconf-bench segments` in its own process, as `aemconf apply` runs it: plan (which counts the
/// segment diff), then apply (resource steps, then the segment sync). Prints one JSON line: seconds, peak RSS and
/// the plan's segment line.
struct SegmentsBenchmarkChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segments-child", shouldDisplay: false)

    @Option var folder: String
    @Flag var fullResync = false

    func run() async throws {
        try await BenchChild.withTransport { transport, logger in try await sync(transport: transport, logger: logger) }
    }

    private func sync(transport: AsyncHTTPClientTransport, logger: Logger) async throws {
        let started = ContinuousClock.now
        let bench = try BenchEngineSession(folder: folder, transport: transport, logger: logger)
        let store = bench.store
        let options = SegmentSyncOptions(fullResync: fullResync, allowMassDelete: true)
        let sealer = SecretSealer(key: bench.key)
        let lease = try await store.lock(.current(operation: "apply"), timeout: .seconds(5))
        let snapshot = try await store.load().fingerprinting(with: bench.key)
        let plan = try await Engine.plan(
            PlanRequest(
                config: bench.config, session: bench.session, snapshot: snapshot,
                openIntents: try await store.openIntents(),
                resolveSecret: bench.resolve, readFile: bench.readFile, toolVersion: "bench", now: Date(),
                sealer: sealer,
                segments: options
            )
        )
        var summary = plan.segmentSyncs.map(\.line).joined(separator: "; ")
        if plan.hasWork {
            let journal = StateJournal(
                store: store, lease: lease, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
                context: .current(command: "apply")
            )
            let context = DriverContext(
                session: bench.session, journal: journal, sealer: sealer, scope: SealScope(snapshot),
                fingerprinter: snapshot.fingerprinter, config: ConfigIndex(bench.config), resolveSecret: bench.resolve,
                readFile: bench.readFile
            )
            var applier = Applier(context: context)
            applier.segments = options
            let applied = await applier.apply(plan) { _ in }
            guard applied.succeeded else {
                throw ValidationError("apply failed: \(applied.failed) \(applied.segmentsFailed)")
            }
            if let counts = applied.segmentsDone.values.first { summary += " -> applied \(counts.text)" }
        }
        try await lease.release()
        try await store.close()
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line: [String: Any] = [
            "seconds": seconds, "peakRSSMegabytes": BenchEngineSession.peakRSSMegabytes, "summary": summary,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
    }
}
