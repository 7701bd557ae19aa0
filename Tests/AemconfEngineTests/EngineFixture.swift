import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfResources
import AemconfSandbox
import AemconfState
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Logging

/// The engine against an in-process sandbox over real HTTP, with real SQLite state in a temporary folder.
final class EngineFixture: @unchecked Sendable {
    let sandbox: RunningSandbox
    let transport: AsyncHTTPClientTransport
    let session: ServiceSession
    let store: SQLiteStateStore
    let key = StateKey.generate()
    let folder: TemporaryDirectory

    private init(
        sandbox: RunningSandbox, transport: AsyncHTTPClientTransport, session: ServiceSession, store: SQLiteStateStore,
        folder: TemporaryDirectory
    ) {
        self.sandbox = sandbox
        self.transport = transport
        self.session = session
        self.store = store
        self.folder = folder
    }

    /// Starts a sandbox, copies `example` (a folder under `examples/`) into a temporary folder and opens state there.
    static func start(
        example: String,
        sandbox configuration: SandboxConfiguration = SandboxConfiguration(),
        clock: (any WallClock)? = nil,
        wrapTransport: (AsyncHTTPClientTransport) -> any HTTPTransport = { $0 }
    ) async throws -> EngineFixture {
        let folder = try TemporaryDirectory(prefix: "aemconf-engine")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples").appendingPathComponent(example)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(
                atPath: source.appendingPathComponent(item).path, toPath: folder.path(item))
        }
        let sandbox = try await Sandbox.start(configuration)
        let logger = Logger(label: "aemconf.test") { _ in SwiftLogNoOpLogHandler() }
        let transport = AsyncHTTPClientTransport(
            configuration: .init(connectTimeout: .seconds(30), readTimeout: .seconds(180)), logger: logger)
        let environment = ServiceEnvironment(
            transport: wrapTransport(transport), version: "0.0.0-test", logger: logger,
            clock: clock ?? SystemWallClock(),
            retryPolicy: RetryPolicy(
                maxAttempts: 6, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200), totalBudget: .seconds(600))
        )
        let session = ServiceSession(
            environment: environment,
            aemURL: sandbox.endpoints.aem,
            aemUsername: sandbox.credentials.aemUsername,
            aemPassword: Secret(sandbox.credentials.aemPassword),
            consoleToken: sandbox.credentials.consoleUserToken.map(Secret.init),
            consoleAPIKey: sandbox.credentials.consoleAPIKey ?? ConsoleClient.cliAPIKey,
            endpoints: AdobeEndpoints(
                ims: sandbox.endpoints.ims, console: sandbox.endpoints.console, target: sandbox.endpoints.target),
            imsOrg: sandbox.credentials.imsOrgId ?? "0123456789ABCDEF01234567@AdobeOrg",
            consoleProject: "aem-target",
            consoleWorkspace: "Production"
        )
        let store = try SQLiteStateStore(path: folder.path(".aemconf/state.db"), workspace: "default")
        return EngineFixture(sandbox: sandbox, transport: transport, session: session, store: store, folder: folder)
    }

    func shutdown() async {
        try? await store.close()
        try? await transport.shutdown()
        try? await sandbox.shutdown()
        folder.remove()
    }

    /// Rewrites a config file of the copied example.
    func edit(_ file: String, _ body: (String) -> String) throws {
        let path = folder.path(file)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try body(text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Loads the copied example's config.
    func config() throws -> Config {
        let result = ConfigLoader.load(path: folder.path, options: ConfigLoader.Options())
        guard let config = result.config, !result.hasErrors else {
            throw FixtureFailure("config errors: \(result.diagnostics.map(\.message))")
        }
        return config
    }

    static let resolveSecretValue = "unused-in-sandbox-tests"
    static let resolveSecret: @Sendable (SecretReference) throws -> Secret = { _ in Secret(resolveSecretValue) }
    static let readFile: @Sendable (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { Array($0) } }

    /// Plans against the current state.
    func plan(refresh: Bool = true, verify: Bool = false) async throws -> Plan {
        let snapshot = try await store.load().fingerprinting(with: key)
        return try await Engine.plan(
            PlanRequest(
                config: try config(), session: session, snapshot: snapshot, openIntents: try await store.openIntents(),
                refresh: refresh, verify: verify, parallelism: 4, resolveSecret: Self.resolveSecret,
                readFile: Self.readFile,
                toolVersion: "test", now: session.environment.clock.now(), sealer: SecretSealer(key: key)
            )
        )
    }

    /// Applies `plan` under the lock.
    func apply(_ plan: Plan) async throws -> (ApplySummary, [ApplyEvent]) {
        let lease = try await store.lock(.current(operation: "apply"), timeout: .seconds(5))
        defer { Task { try? await lease.release() } }
        let snapshot = try await store.load().fingerprinting(with: key)
        let journal = StateJournal(
            store: store, lease: lease, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
            context: CommitContext(author: "test@host", command: "apply")
        )
        let context = DriverContext(
            session: session, journal: journal, sealer: SecretSealer(key: key), scope: SealScope(snapshot),
            fingerprinter: snapshot.fingerprinter,
            config: ConfigIndex(try config()), resolveSecret: Self.resolveSecret, readFile: Self.readFile
        )
        let events = EventLog()
        let summary = await Applier(context: context, parallelism: 4).apply(plan) { events.append($0) }
        try await lease.release()
        return (summary, events.all)
    }

    /// Plans and applies; fails the test when a step fails.
    @discardableResult
    func converge() async throws -> Plan {
        let plan = try await plan()
        guard plan.isApplyable else { throw FixtureFailure("plan has problems: \(plan.problems)") }
        let (summary, _) = try await apply(plan)
        guard summary.succeeded else { throw FixtureFailure("apply failed: \(summary.failed)") }
        return plan
    }

    /// The sandbox's state as the admin API dumps it.
    func dump() async throws -> [String: Any] {
        try await admin(.GET, "state").jsonObject()
    }

    @discardableResult
    func admin(_ method: RequestMethod, _ path: String, json: String? = nil) async throws -> ServiceResponse {
        var headers = HeaderFields()
        if json != nil { headers.add(name: "Content-Type", value: "application/json") }
        let response = try await transport.execute(
            TransportRequest(
                method: method, url: sandbox.endpoints.aem + "/_sandbox/" + path, headers: headers,
                body: json.map { Array($0.utf8) })
        )
        guard (200..<300).contains(response.status) else {
            throw FixtureFailure("admin \(method) \(path): \(response.status) \(response.text)")
        }
        return response
    }

    /// The request log lines `METHOD path status` of `service`.
    func requests(_ service: SandboxService) -> [String] {
        sandbox.requestLog.entries(service: service).map { "\($0.method) \($0.path) \($0.status)" }
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ApplyEvent] = []
    func append(_ event: ApplyEvent) { lock.withLock { events.append(event) } }
    var all: [ApplyEvent] { lock.withLock { events } }
}

struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension ServiceResponse {
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw FixtureFailure("not a JSON object")
        }
        return object
    }
}

/// A wall clock fixed at a date (sleeps really sleep, briefly): JWT and certificate tests before Adobe's cut-offs.
struct FixedClock: WallClock {
    let date: Date
    func now() -> Date { date }
    func sleep(for duration: Duration) async throws { try await Task.sleep(for: min(duration, .milliseconds(50))) }
}
