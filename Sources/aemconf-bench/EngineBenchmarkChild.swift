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
/// Prints one JSON line: seconds, peak RSS, a summary.
struct EngineBenchmarkChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine-child", shouldDisplay: false)

    @Option var phase: String
    @Option var folder: String
    @Option var parallelism = 10

    func run() async throws {
        let logger = Logger(label: "aemconf.bench") { _ in SwiftLogNoOpLogHandler() }
        let transport = AsyncHTTPClientTransport(logger: logger)
        do {
            try await measure(transport: transport, logger: logger)
            try await transport.shutdown()
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    private func measure(transport: AsyncHTTPClientTransport, logger: Logger) async throws {
        let started = ContinuousClock.now
        let environment = ProcessInfo.processInfo.environment
        let result = ConfigLoader.load(path: folder + "/aemconf.yaml", options: ConfigLoader.Options())
        guard let config = result.config else { throw ValidationError("config errors: \(result.diagnostics.map(\.message))") }
        let session = ServiceSession(
            environment: ServiceEnvironment(transport: transport, version: "bench", logger: logger),
            aemURL: environment["AEMCONF_BENCH_AEM"] ?? "",
            aemUsername: "admin",
            aemPassword: Secret(environment["AEMCONF_BENCH_AEM_PASSWORD"] ?? ""),
            consoleToken: Secret(environment["AEMCONF_BENCH_CONSOLE_TOKEN"] ?? ""),
            consoleAPIKey: environment["AEMCONF_BENCH_CONSOLE_API_KEY"] ?? ConsoleClient.cliAPIKey,
            endpoints: AdobeEndpoints(
                ims: environment["AEMCONF_BENCH_IMS"] ?? "", console: environment["AEMCONF_BENCH_CONSOLE"] ?? "",
                target: environment["AEMCONF_BENCH_TARGET"] ?? ""
            ),
            imsOrg: config.adobe.imsOrg,
            consoleProject: config.adobe.console?.project ?? "",
            consoleWorkspace: config.adobe.console?.workspace ?? "Production"
        )
        let keyPath = folder + "/state.key"
        let key: StateKey
        if let data = FileManager.default.contents(atPath: keyPath) {
            key = try StateKey(rawBytes: data)
        } else {
            key = StateKey.generate()
            let raw = key.base64Secret.withRevealedValue { Data(base64Encoded: $0) } ?? Data()
            FileManager.default.createFile(atPath: keyPath, contents: raw, attributes: [.posixPermissions: 0o600])
        }
        let store = try SQLiteStateStore(path: folder + "/state.db", workspace: "default")
        let resolve: @Sendable (SecretReference) throws -> Secret = { try SecretResolver.live.resolve($0) }
        let readFile: @Sendable (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { Array($0) } }
        let snapshot = try await store.load().fingerprinting(with: key)
        let plan = try await Engine.plan(
            PlanRequest(
                config: config, session: session, snapshot: snapshot, openIntents: try await store.openIntents(),
                refresh: phase != "plan-no-refresh", parallelism: parallelism, resolveSecret: resolve, readFile: readFile,
                toolVersion: "bench", now: Date()
            )
        )
        var summary = "plan: \(plan.summary.create) create, \(plan.summary.update) update, \(plan.summary.unchanged) unchanged"
        if phase == "apply" {
            let lease = try await store.lock(.current(operation: "apply"), timeout: .seconds(5))
            let journal = StateJournal(
                store: store, lease: lease, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
                context: .current(command: "apply")
            )
            let context = DriverContext(
                session: session, journal: journal, sealer: SecretSealer(key: key), scope: SealScope(snapshot), fingerprinter: snapshot.fingerprinter,
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
        let elapsed = started.duration(to: .now)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line: [String: Any] = ["seconds": seconds, "peakRSSMegabytes": Double(usage.ru_maxrss) / 1024, "summary": summary]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
    }
}
