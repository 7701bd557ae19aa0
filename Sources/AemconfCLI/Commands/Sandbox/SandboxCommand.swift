import AemconfSandbox
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aemconf sandbox`: runs the emulator of AEM, IMS, the Developer Console and Target until
/// SIGINT/SIGTERM, and prints its endpoints and seeded credentials.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the emulator of AEM, IMS, the Developer Console and Target.",
        discussion: """
            Each service has its own port: AEM on PORT, IMS on PORT+1, the Developer Console on PORT+2 and \
            Target on PORT+3 (four ephemeral ports with --port 0). Every port also serves the sandbox's admin \
            API under /_sandbox/. See docs/sandbox.md.
            """
    )

    @Option(help: "The interface to listen on; loopback unless told otherwise.")
    var host = "127.0.0.1"

    @Option(help: "AEM's port; IMS, the console and Target use the next three. 0 picks four free ports.")
    var port = 4502

    @Option(help: "A file that keeps the sandbox's state across restarts (written atomically).")
    var data: String?

    @Option(
        help:
            "A JSON file with the initial state (the admin API's dump format; missing services keep the default seed).")
    var seed: String?

    @Option(
        help:
            "Add this many generated Target audiences to the tenant at start, in one step (segment-sync tests and benchmarks)."
    )
    var seedAudiences = 0

    @Option(
        name: .customLong("fault"),
        help:
            "A fault to inject, e.g. 'seed=42', 'target:error-rate=0.2', 'all:latency=50', 'ims:rate-limit=0.1,retry-after=2', 'crash-after=100'. Repeatable."
    )
    var faults: [String] = []

    @Option(
        help:
            "The AEM 6.5 service pack to emulate (20 by default): below 20 OAuth IMS configurations are not understood, from 20 new JWT ones are refused."
    )
    var aemServicePack: Int?

    @Flag(help: "Emulate the IMS OAuth hotfix on service packs 11 to 19.")
    var aemImsHotfix = false

    @Flag(help: "Switch Target's 50-calls-per-minute throttling off (benchmarks).")
    var noThrottle = false

    @Flag(help: "Accept AEM writes without a CSRF token from non-browser clients (the lenient filter setting).")
    var lenientCsrf = false

    @Option(
        name: .customLong("admin-token"),
        help:
            "The token the admin API (/_sandbox/) requires (default: env AEMCONF_SANDBOX_ADMIN_TOKEN; generated and printed once on a non-loopback --host)."
    )
    var adminToken: String?

    /// The environment variable that may hold the admin token (out of `ps`).
    static let adminTokenVariable = "AEMCONF_SANDBOX_ADMIN_TOKEN"

    @Flag(help: "Print the endpoints and credentials as one JSON object.")
    var json = false

    func validate() throws {
        guard port == 0 || (1...65532).contains(port) else {
            throw UsageError.port(port)
        }
        guard (0...10_000_000).contains(seedAudiences) else {
            throw ValidationError("invalid audience count '\(seedAudiences)': expected 0 to 10,000,000")
        }
        if let aemServicePack, !(0...99).contains(aemServicePack) {
            throw UsageError.servicePack(aemServicePack)
        }
        do {
            _ = try SandboxFaults.parse(faults)
        } catch let error as SandboxConfigurationError {
            throw UsageError.sandboxSetting(error.message)
        }
    }

    func run() async throws {
        let configuration: SandboxConfiguration
        do {
            configuration = SandboxConfiguration(
                host: host,
                port: port,
                dataFile: data,
                seedFile: seed,
                faults: try SandboxFaults.parse(faults),
                aemServicePack: aemServicePack,
                aemIMSHotfix: aemImsHotfix ? true : nil,
                settings: SandboxSettings(targetThrottling: !noThrottle, aemStrictCSRF: !lenientCsrf),
                handleSignals: true,
                onCrash: {
                    FileHandle.standardError.write(Data("sandbox: crash fault reached, exiting\n".utf8))
                    terminateProcess(70)
                },
                adminToken: adminToken
                    ?? ProcessInfo.processInfo.environment[Self.adminTokenVariable].flatMap { $0.isEmpty ? nil : $0 }
            )
        } catch let error as SandboxConfigurationError {
            throw UsageError.sandboxSetting(error.message)
        }
        if !configuration.bindsLoopback {
            FileHandle.standardError.write(Data((Self.exposureWarning(host: host) + "\n").utf8))
        }
        let sandbox: RunningSandbox
        do {
            sandbox = try await Sandbox.start(configuration)
        } catch let error as SandboxConfigurationError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        if seedAudiences > 0 {
            let count = seedAudiences
            let now = await sandbox.store.now()
            _ = try await sandbox.store.mutate { state in
                try SandboxAudienceSeeding.seed(count: count, tenant: nil, into: &state.target, now: now)
            }
        }
        FileHandle.standardOutput.write(
            Data(SandboxBanner.render(sandbox, json: json, showToken: configuration.adminToken == nil).utf8))
        try await sandbox.waitUntilStopped()
    }
}

extension SandboxCommand {
    /// The warning for a non-loopback bind.
    static func exposureWarning(host: String) -> String {
        "aemconf: warning: the sandbox listens on '\(host)', not loopback: anyone who can reach it can use its seeded "
            + "credentials; its admin API (/_sandbox/) requires the admin token printed below (or given with "
            + "--admin-token / \(adminTokenVariable)). The sandbox is a test tool: keep it on loopback."
    }
}

/// Ends the process at once (the "crash after N requests" fault of the CLI sandbox).
private func terminateProcess(_ status: Int32) -> Never {
    exit(status)
}
