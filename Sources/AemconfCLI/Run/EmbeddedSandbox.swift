import AemconfSandbox
import AemconfState
import Foundation

/// `--sandbox`: the emulator started in this process on free loopback ports, its data kept in
/// `.aemconf/sandbox.json` beside the config, with a state key of its own (`.aemconf/sandbox-state.key`).
enum EmbeddedSandbox {
    /// Starts the sandbox for the config in `folder`.
    static func start(folder: String) async throws -> RunningSandbox {
        let directory = (folder as NSString).appendingPathComponent(".aemconf")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configuration = SandboxConfiguration(
            dataFile: (directory as NSString).appendingPathComponent("sandbox.json"),
            handleSignals: false
        )
        return try await Sandbox.start(configuration)
    }

    /// The sandbox's own state file: a sandbox run never touches real state.
    static func statePath(folder: String) -> String {
        (folder as NSString).appendingPathComponent(".aemconf/sandbox-state.db")
    }

    /// The sandbox's state key, made on first use (mode 0600).
    static func stateKey(folder: String) throws -> StateKey {
        let path = (folder as NSString).appendingPathComponent(".aemconf/sandbox-state.key")
        if FileManager.default.fileExists(atPath: path), let key = try StateKey.load(keyFile: path, environment: [:]) {
            return key
        }
        return try StateKeyFile.create(at: path)
    }
}
