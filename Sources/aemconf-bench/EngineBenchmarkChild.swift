import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfResources
import AemconfState
import AemconfStateSQLite
import ArgumentParser
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One phase of `aemconf-bench engine` in its own process: what the `aemconf` command does (load the config,
/// open SQLite state, plan, apply), against the sandbox whose endpoints and credentials are in the environment.
/// Prints one JSON line: seconds, peak RSS, CPU seconds, a summary.
struct EngineBenchmarkChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine-child", shouldDisplay: false)

    @Option var phase: String
    @Option var folder: String
    @Option var parallelism = 10

    /// For the `floor` phase: bare round trips per stack.
    @Option var requestsPerStack = 13
    @Option var stacks = 0

    func run() async throws {
        try await BenchChild.withTransport { transport, logger in
            if phase == "floor" {
                try await measureFloor(transport: transport)
            } else {
                try await measure(transport: transport, logger: logger)
            }
        }
    }

    /// The transport floor: `requestsPerStack` bare round trips per stack (`GET /_sandbox/clock`) through the same
    /// transport at the same parallelism, with no engine work around them. No apply can be faster than this.
    private func measureFloor(transport: AsyncHTTPClientTransport) async throws {
        let meter = PhaseMeter()
        let url = (ProcessInfo.processInfo.environment["AEMCONF_BENCH_AEM"] ?? "") + "/_sandbox/clock"
        let total = stacks * requestsPerStack
        let workers = max(1, parallelism)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var index = worker
                    while index < total {
                        let response = try await transport.execute(
                            TransportRequest(method: .GET, url: url, headers: HeaderFields(), body: nil))
                        guard response.status == 200 else {
                            throw ValidationError("floor request answered \(response.status)")
                        }
                        index += workers
                    }
                }
            }
            try await group.waitForAll()
        }
        try meter.report(summary: "\(total) bare round trips")
    }

    private func measure(transport: AsyncHTTPClientTransport, logger: Logger) async throws {
        let meter = PhaseMeter()
        let bench = try BenchEngineSession(folder: folder, transport: transport, logger: logger)
        let (config, session, key, store) = (bench.config, bench.session, bench.key, bench.store)
        let resolve = bench.resolve
        let readFile = bench.readFile
        let snapshot = try await store.load().fingerprinting(with: key)
        let plan = try await Engine.plan(
            PlanRequest(
                config: config, session: session, snapshot: snapshot, openIntents: try await store.openIntents(),
                refresh: phase != "plan-no-refresh", parallelism: parallelism, resolveSecret: resolve,
                readFile: readFile,
                toolVersion: "bench", now: Date()
            )
        )
        var summary =
            "plan: \(plan.summary.create) create, \(plan.summary.update) update, \(plan.summary.unchanged) unchanged"
        if phase == "apply" {
            let lease = try await store.lock(.current(operation: "apply"), timeout: .seconds(5))
            let journal = StateJournal(
                store: store, lease: lease, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
                context: .current(command: "apply")
            )
            let context = DriverContext(
                session: session, journal: journal, sealer: SecretSealer(key: key), scope: SealScope(snapshot),
                fingerprinter: snapshot.fingerprinter,
                config: ConfigIndex(config), resolveSecret: resolve, readFile: readFile
            )
            let applied = await Applier(context: context, parallelism: parallelism).apply(plan) { _ in }
            try await lease.release()
            guard applied.succeeded else {
                throw ValidationError("apply failed: \(applied.failed.prefix(3).map { "\($0.key): \($0.value)" })")
            }
            summary = "applied \(applied.done.count) steps"
        } else if plan.hasChanges {
            throw ValidationError("the no-change plan has changes: \(plan.actionableChanges.prefix(3).map(\.address))")
        }
        try await store.close()
        try meter.report(summary: summary)
    }
}

/// A phase's wall time, CPU time and context switches from its start, printed as the one JSON line
/// ``BenchChild`` reads: `seconds`, `peakRSSMegabytes`, `summary`, `cpuSeconds`, `contextSwitches`.
struct PhaseMeter {
    private let started = ContinuousClock.now
    private let cpuAtStart = BenchEngineSession.cpuSeconds
    private let switchesAtStart = BenchEngineSession.contextSwitches

    func report(summary: String) throws {
        let elapsed = started.duration(to: .now)
        let line: [String: Any] = [
            "seconds": Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            "peakRSSMegabytes": BenchEngineSession.peakRSSMegabytes, "summary": summary,
            "cpuSeconds": BenchEngineSession.cpuSeconds - cpuAtStart,
            "contextSwitches": BenchEngineSession.contextSwitches - switchesAtStart,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
    }
}
