import AemconfTestSupport
import Foundation

/// The shared bench of every part: a work folder, the out-of-process sandbox, the generated config, the
/// canaries, the seeded generator and the runner of `aemconf` children.
final class ChaosLab: @unchecked Sendable {
    let settings: ChaosSettings
    let folder: String
    let sandbox: ChaosSandbox
    let config: ChaosConfig
    let canaries: ChaosCanaries
    let runner: ChaosRunner
    /// How long one apply from empty took (kill moments are drawn within it).
    private(set) var calibration: Duration = .zero
    var random: ChaosRandom

    private init(
        settings: ChaosSettings, folder: String, sandbox: ChaosSandbox, config: ChaosConfig,
        canaries: ChaosCanaries, runner: ChaosRunner
    ) {
        self.settings = settings
        self.folder = folder
        self.sandbox = sandbox
        self.config = config
        self.canaries = canaries
        self.runner = runner
        self.random = ChaosRandom(seed: settings.seed)
    }

    /// Starts the sandbox, writes the config and runs one full apply to calibrate the kill moments.
    static func open(_ settings: ChaosSettings) async throws -> ChaosLab {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aemconf-chaos-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let canaries = ChaosCanaries(stacks: settings.stacks)
        let sandbox = try await ChaosSandbox.start(dataFile: folder + "/sandbox.json")
        let config = ChaosConfig(folder: folder + "/config", stacks: settings.stacks)
        let runner = ChaosRunner(
            executable: try BuiltProduct.require("aemconf"), outputs: folder + "/outputs", config: config.folder
        )
        let lab = ChaosLab(
            settings: settings, folder: folder, sandbox: sandbox, config: config, canaries: canaries,
            runner: runner)
        try await lab.freshStart()
        try config.write(sandbox: sandbox, externals: canaries.externals)
        let started = ContinuousClock.now
        let first = try await runner.run("calibrate-apply", config.apply)
        lab.calibration = started.duration(to: .now)
        guard first.status == 0, try await runner.run("calibrate-plan", config.plan).status == 0 else {
            throw ChaosSetupError("the calibration apply of the generated config failed: \(first)")
        }
        let counts = try await ChaosRemoteCounts.read(sandbox)
        guard counts.duplicates(config.expected) == 0, counts.missing(config.expected) == 0 else {
            throw ChaosSetupError("the calibration apply left \(counts), expected \(config.expected)")
        }
        return lab
    }

    /// The sandbox back to its seed (with the console's JWT cut-offs moved and the external credentials added),
    /// the state removed, the runner's environment pointed at the sandbox's credentials.
    func freshStart(stateLocation: ChaosStateLocation = .sqlite) async throws {
        try await sandbox.reset()
        try await ChaosSeed.prepare(sandbox, externals: canaries.externals)
        runner.environment = canaries.environment(sandbox: sandbox)
        try stateLocation.remove(config: config)
    }

    /// Stops the sandbox; removes the work folder unless `keep`.
    func close(keep: Bool) async {
        await sandbox.stop()
        if !keep { try? FileManager.default.removeItem(atPath: folder) }
    }
}

/// The harness could not set up its bench (not a finding about aemconf).
struct ChaosSetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = "chaos: " + description
    }
}
