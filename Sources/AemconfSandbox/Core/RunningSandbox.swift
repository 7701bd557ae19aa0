import Foundation
import ServiceLifecycle

/// A started sandbox: its base URLs, the credentials it seeded, its store, and how to stop it.
public final class RunningSandbox: Sendable {
    /// Base URLs of AEM, IMS, the console and Target.
    public let endpoints: SandboxEndpoints
    /// The seeded credentials (AEM admin, console user token, org ids, Target tenant).
    public let credentials: SandboxCredentials
    /// Store, request log, faults and reset state shared by all services.
    public let runtime: SandboxRuntime
    private let group: ServiceGroup
    private let runTask: Task<Void, any Error>
    private let persister: SandboxPersister?
    /// The token the admin API requires, if any (generated on a non-loopback bind when none was given).
    public let adminToken: String?

    init(
        endpoints: SandboxEndpoints,
        credentials: SandboxCredentials,
        runtime: SandboxRuntime,
        group: ServiceGroup,
        runTask: Task<Void, any Error>,
        persister: SandboxPersister?,
        adminToken: String?
    ) {
        self.endpoints = endpoints
        self.credentials = credentials
        self.runtime = runtime
        self.group = group
        self.runTask = runTask
        self.persister = persister
        self.adminToken = adminToken
    }

    /// The state and clock.
    public var store: SandboxStore { runtime.store }

    /// The request log.
    public var requestLog: SandboxRequestLog { runtime.requestLog }

    /// The fault injector.
    public var faults: SandboxFaultInjector { runtime.faults }

    /// Writes the state to the data file now (if there is one).
    public func persistNow() async throws {
        try await persister?.flush()
    }

    /// Stops all four services, then writes the data file a last time.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        _ = try? await runTask.value
        try await persister?.flush()
    }

    /// Waits until the services stop (a signal when `handleSignals` is on, or ``shutdown()``),
    /// then writes the data file a last time.
    public func waitUntilStopped() async throws {
        _ = try? await runTask.value
        try await persister?.flush()
    }
}
