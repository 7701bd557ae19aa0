import AemconfTestSupport
import Foundation

/// Runs `aemconf` children with the project's one child-process runner and keeps everything they print under
/// `outputs/` (the secret scan reads it back): `NNNNN-label.out` and `.err`.
final class ChaosRunner: @unchecked Sendable {
    let executable: String
    let outputs: String
    let config: String
    /// The environment of every child (secrets and the state key), set by ``ChaosLab/freshStart(stateLocation:)``.
    var environment: [String: String] = [:]
    private var counter = 0
    private let lock = NSLock()

    init(executable: String, outputs: String, config: String) {
        self.executable = executable
        self.outputs = outputs
        self.config = config
        try? FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
    }

    /// Runs `aemconf arguments…` to completion and records its output.
    func run(
        _ label: String, _ arguments: [String], environment extra: [String: String] = [:],
        timeout: Duration = .seconds(900)
    ) async throws -> ChildProcessResult {
        let result = try await ChildProcess.run(
            executable: executable, arguments: arguments, environment: environment.merging(extra) { $1 },
            timeout: timeout
        )
        record(label, result)
        return result
    }

    /// Starts `aemconf arguments…` in the background; pass its result to ``record(_:_:)``.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) async throws
        -> RunningChildProcess
    {
        try await ChildProcess.start(
            executable: executable, arguments: arguments, environment: environment.merging(extra) { $1 }
        )
    }

    /// Keeps a child's standard output and error for the secret scan.
    func record(_ label: String, _ result: ChildProcessResult) {
        let number = lock.withLock {
            counter += 1
            return counter
        }
        let base = outputs + "/" + String(format: "%05d-", number) + label
        try? result.standardOutput.write(toFile: base + ".out", atomically: false, encoding: .utf8)
        try? result.standardError.write(toFile: base + ".err", atomically: false, encoding: .utf8)
    }
}

/// Where a trial's state lives: the config's default SQLite file, or a fresh workspace of a PostgreSQL database.
enum ChaosStateLocation: Sendable {
    case sqlite
    case postgres(url: String, workspace: String)

    /// The `--state`/`--workspace` arguments (none for the default SQLite file).
    var arguments: [String] {
        switch self {
        case .sqlite: []
        case .postgres(let url, let workspace): ["--state", url, "--workspace", workspace]
        }
    }

    /// The SQLite file, when there is one.
    func sqliteFile(config: ChaosConfig) -> String? {
        switch self {
        case .sqlite: config.folder + "/.aemconf/state.db"
        case .postgres: nil
        }
    }

    /// Removes the state (a PostgreSQL trial uses a new workspace instead).
    func remove(config: ChaosConfig) throws {
        guard case .sqlite = self else { return }
        let folder = config.folder + "/.aemconf"
        if FileManager.default.fileExists(atPath: folder) { try FileManager.default.removeItem(atPath: folder) }
    }
}
