import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts sandboxes: the one entry point the CLI, the test harness and the benchmarks use.
///
/// Each service runs as its own server (``SandboxHTTPServer``) on its own port so its paths are exactly
/// the real ones: AEM on `port`, IMS on `port+1`, the console on `port+2`, Target on `port+3`
/// (four ephemeral ports for `0`). All four share one ``SandboxStore``, and every port also serves
/// the admin API under `/_sandbox/`.
public enum Sandbox {
    /// Loads the state (data file, else seed, else the default seed), binds the four services and
    /// returns once all of them are listening.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws
        -> RunningSandbox
    {
        guard configuration.port == 0 || (1...65532).contains(configuration.port) else {
            throw SandboxConfigurationError.badPort(configuration.port)
        }
        var state = try initialState(configuration)
        if let servicePack = configuration.aemServicePack { state.aem.servicePack = servicePack }
        if let hotfix = configuration.aemIMSHotfix { state.aem.imsHotfix = hotfix }

        let store = SandboxStore(state: state, settings: configuration.settings)
        // Off loopback, the admin API (seeded credentials, whole state) always needs a token.
        let adminToken =
            configuration.adminToken
            ?? (configuration.bindsLoopback ? nil : SandboxAdminAccess.generateToken())
        let runtime = SandboxRuntime(
            store: store,
            requestLog: SandboxRequestLog(capacity: configuration.requestLogCapacity),
            faults: SandboxFaultInjector(faults: configuration.faults, onCrash: configuration.onCrash),
            initialState: state,
            initialSettings: configuration.settings,
            adminAccess: SandboxAdminAccess(token: adminToken, bindHost: configuration.host)
        )
        var persister: SandboxPersister?
        if let dataFile = configuration.dataFile {
            let writer = SandboxPersister(store: store, path: dataFile, delay: configuration.persistenceDelay)
            try await writer.flush()
            await store.setChangeHandler { writer.noteChange() }
            runtime.setPersister(writer)
            persister = writer
        }

        let logger = Logger(label: "aemconf.sandbox") { _ in SwiftLogNoOpLogHandler() }
        let ports = SandboxPortCollector()
        var applications: [any Service] = []
        for service in SandboxService.allCases {
            let port = configuration.port == 0 ? 0 : configuration.port + service.portOffset
            applications.append(
                SandboxApplicationBuilder.build(
                    service: service,
                    host: configuration.host,
                    port: port,
                    runtime: runtime,
                    logger: logger,
                    onServerRunning: { boundPort in await ports.report(service, port: boundPort) }
                )
            )
        }
        let group = ServiceGroup(
            configuration: .init(
                services: applications,
                gracefulShutdownSignals: configuration.handleSignals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
        let runTask = Task {
            do {
                try await group.run()
                await ports.fail(SandboxConfigurationError.startFailed("the services stopped before listening"))
            } catch {
                await ports.fail(SandboxConfigurationError.startFailed(String(describing: error)))
                throw error
            }
        }
        let bound: [SandboxService: Int]
        do {
            bound = try await ports.waitForAll()
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await runTask.value
            throw error
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        func url(_ service: SandboxService) -> String { "http://\(host):\(bound[service] ?? 0)" }
        let endpoints = SandboxEndpoints(aem: url(.aem), ims: url(.ims), console: url(.console), target: url(.target))
        runtime.setEndpoints(endpoints)
        let credentials = await store.read { SandboxCredentials.seeded(in: $0) }
        return RunningSandbox(
            endpoints: endpoints,
            credentials: credentials,
            runtime: runtime,
            group: group,
            runTask: runTask,
            persister: persister,
            adminToken: adminToken
        )
    }

    private static func initialState(_ configuration: SandboxConfiguration) throws -> SandboxState {
        if let dataFile = configuration.dataFile, let saved = try SandboxDataFile.load(from: dataFile) {
            return saved
        }
        if let seedState = configuration.seedState { return seedState }
        if let seedFile = configuration.seedFile { return try SandboxSeed.load(from: seedFile) }
        return SandboxSeed.defaultState()
    }
}

/// Collects the port each service bound, or the error that stopped them.
actor SandboxPortCollector {
    private var ports: [SandboxService: Int] = [:]
    private var failure: (any Error)?
    private var waiter: CheckedContinuation<[SandboxService: Int], any Error>?

    func report(_ service: SandboxService, port: Int) {
        ports[service] = port
        resumeIfDone()
    }

    func fail(_ error: any Error) {
        if failure == nil { failure = error }
        resumeIfDone()
    }

    func waitForAll() async throws -> [SandboxService: Int] {
        try await withCheckedThrowingContinuation { continuation in
            waiter = continuation
            resumeIfDone()
        }
    }

    private func resumeIfDone() {
        guard let waiter else { return }
        if ports.count == SandboxService.allCases.count {
            self.waiter = nil
            waiter.resume(returning: ports)
        } else if let failure {
            self.waiter = nil
            waiter.resume(throwing: failure)
        }
    }
}
