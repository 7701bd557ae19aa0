import Foundation

/// How to start a sandbox: where it listens, where its state comes from and goes, which faults it
/// injects. The CLI (`aemconf sandbox`), the test harness and the benchmarks all build one.
public struct SandboxConfiguration: Sendable {
    /// Interface to bind; loopback unless told otherwise.
    public var host: String
    /// First port: AEM on `port`, IMS `port+1`, console `port+2`, Target `port+3`; `0` gives four ephemeral ports.
    public var port: Int
    /// `--data FILE`: the state is loaded from it when it exists and written to it after changes.
    public var dataFile: String?
    /// `--seed FILE`: initial state (a dump of the admin API; missing slices take the default seed).
    public var seedFile: String?
    /// An initial state given in code (tests); used when there is no data file. Wins over `seedFile`.
    public var seedState: SandboxState?
    /// Faults injected from the start.
    public var faults: SandboxFaults
    /// `--aem-service-pack N`: overrides the seeded AEM service pack (20 in the default seed).
    public var aemServicePack: Int?
    /// Whether the IMS OAuth hotfix for SP11–SP19 is installed (overrides the seed).
    public var aemIMSHotfix: Bool?
    /// Run-time switches (Target throttling, AEM CSRF strictness).
    public var settings: SandboxSettings
    /// How many request-log entries are kept.
    public var requestLogCapacity: Int
    /// Delay between a change and its write to the data file.
    public var persistenceDelay: Duration
    /// Whether SIGINT/SIGTERM stop the sandbox gracefully (the CLI); tests leave it off.
    public var handleSignals: Bool
    /// Called when the "crash after N requests" fault fires; `nil` keeps the process alive and
    /// resets every later connection instead.
    public var onCrash: (@Sendable () -> Void)?
    /// The token the admin API requires (`Authorization: Bearer …` or `X-Sandbox-Token`). On a non-loopback
    /// ``host`` one is always required: when `nil`, ``Sandbox/start(_:)`` generates one
    /// (``RunningSandbox/adminToken``). On loopback, `nil` means no token, with `Host`/`Origin` checks instead.
    public var adminToken: String?

    /// Whether ``host`` is a loopback interface.
    public var bindsLoopback: Bool { SandboxAdminAccess.isLoopback(host) }

    /// Creates a configuration; the defaults give a loopback sandbox on four ephemeral ports with the
    /// default seed, no persistence and no faults.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        dataFile: String? = nil,
        seedFile: String? = nil,
        seedState: SandboxState? = nil,
        faults: SandboxFaults = .none,
        aemServicePack: Int? = nil,
        aemIMSHotfix: Bool? = nil,
        settings: SandboxSettings = SandboxSettings(),
        requestLogCapacity: Int = 10_000,
        persistenceDelay: Duration = .milliseconds(50),
        handleSignals: Bool = false,
        onCrash: (@Sendable () -> Void)? = nil,
        adminToken: String? = nil
    ) {
        self.host = host
        self.port = port
        self.dataFile = dataFile
        self.seedFile = seedFile
        self.seedState = seedState
        self.faults = faults
        self.aemServicePack = aemServicePack
        self.aemIMSHotfix = aemIMSHotfix
        self.settings = settings
        self.requestLogCapacity = requestLogCapacity
        self.persistenceDelay = persistenceDelay
        self.handleSignals = handleSignals
        self.onCrash = onCrash
        self.adminToken = adminToken
    }
}
