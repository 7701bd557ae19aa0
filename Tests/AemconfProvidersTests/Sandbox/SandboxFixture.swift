import AemconfModel
import AemconfProviders
import AemconfSandbox
import AemconfTestSupport
import Foundation
import Logging

/// An in-process sandbox on port 0 plus a client environment that talks to it over real HTTP.
///
/// The clients get a virtual clock (sleeps return at once and are recorded), a capturing logger at
/// trace level, and the real async-http-client transport.
struct SandboxFixture {
    let sandbox: RunningSandbox
    let transport: AsyncHTTPClientTransport
    let clock: VirtualClock
    let logs: CapturingLogHandler.Store
    let environment: ServiceEnvironment

    static func start(
        configuration: SandboxConfiguration = SandboxConfiguration(aemServicePack: 20),
        retryPolicy: RetryPolicy = RetryPolicy(
            maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(2), totalBudget: .seconds(600)),
        jitter: JitterSource = .fixed(0.5)
    ) async throws -> SandboxFixture {
        let sandbox = try await Sandbox.start(configuration)
        let (logger, logs) = CapturingLogHandler.logger()
        let transport = AsyncHTTPClientTransport(
            // Generous: the whole suite runs in parallel on 2 cores, and a debug-build RSA step can stall a
            // sandbox answer for many seconds; a timeout would turn into a retry and skew request counts.
            configuration: .init(connectTimeout: .seconds(30), readTimeout: .seconds(180)),
            logger: logger
        )
        let clock = VirtualClock()
        let environment = ServiceEnvironment(
            transport: transport, version: "0.0.0-test", logger: logger, clock: clock, jitter: jitter,
            retryPolicy: retryPolicy
        )
        return SandboxFixture(
            sandbox: sandbox, transport: transport, clock: clock, logs: logs, environment: environment)
    }

    /// Runs `body` with a started fixture and always shuts it down.
    static func with<T>(
        configuration: SandboxConfiguration = SandboxConfiguration(aemServicePack: 20),
        retryPolicy: RetryPolicy = RetryPolicy(
            maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(2), totalBudget: .seconds(600)),
        _ body: (SandboxFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(configuration: configuration, retryPolicy: retryPolicy)
        do {
            let result = try await body(fixture)
            await fixture.shutdown()
            return result
        } catch {
            await fixture.shutdown()
            throw error
        }
    }

    func shutdown() async {
        try? await transport.shutdown()
        try? await sandbox.shutdown()
    }

    var credentials: SandboxCredentials { sandbox.credentials }
    var endpoints: SandboxEndpoints { sandbox.endpoints }

    func aem(loginMode: AEMClient.LoginMode = .basic, password: String? = nil) -> AEMClient {
        AEMClient(
            baseURL: endpoints.aem,
            username: credentials.aemUsername,
            password: Secret(password ?? credentials.aemPassword),
            environment: environment,
            loginMode: loginMode
        )
    }

    func ims() -> IMSClient { IMSClient(baseURL: endpoints.ims, environment: environment) }

    func console() throws -> ConsoleClient {
        guard let token = credentials.consoleUserToken else {
            throw FixtureError("the sandbox seeded no console user token")
        }
        return ConsoleClient(
            baseURL: endpoints.console,
            tokens: StaticTokenSource(token: Secret(token)),
            apiKey: credentials.consoleAPIKey ?? ConsoleClient.cliAPIKey,
            environment: environment
        )
    }

    // MARK: - Admin API (over HTTP)

    func admin(_ method: RequestMethod, _ path: String, json: String? = nil) async throws -> ServiceResponse {
        var headers = HeaderFields()
        if json != nil { headers.add(name: "Content-Type", value: "application/json") }
        let request = TransportRequest(
            method: method, url: endpoints.aem + "/_sandbox/" + path, headers: headers,
            body: json.map { Array($0.utf8) }
        )
        let response = try await transport.execute(request)
        guard (200..<300).contains(response.status) else {
            throw FixtureError("admin \(method) \(path) returned \(response.status): \(response.text)")
        }
        return response
    }

    func disableTargetThrottling() async throws {
        let current = try await admin(.GET, "settings")
        var settings = (try JSONSerialization.jsonObject(with: Data(current.body)) as? [String: Any]) ?? [:]
        settings["targetThrottling"] = false
        let body = String(decoding: try JSONSerialization.data(withJSONObject: settings), as: UTF8.self)
        _ = try await admin(.PUT, "settings", json: body)
    }

    func setFaults(_ json: String) async throws { _ = try await admin(.PUT, "faults", json: json) }

    func clearFaults() async throws { _ = try await admin(.DELETE, "faults") }

    func advanceSandboxClock(seconds: Int) async throws {
        _ = try await admin(.PUT, "clock", json: "{\"advanceSeconds\": \(seconds)}")
    }

    func requestLog(service: String) async throws -> [SandboxRequestLogEntry] {
        let response = try await admin(.GET, "requests?service=\(service)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let entries = try? decoder.decode([SandboxRequestLogEntry].self, from: Data(response.body)) {
            return entries
        }
        return sandbox.requestLog.entries(service: SandboxService(rawValue: service))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
