import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import ArgumentParser
import Foundation
import Logging

/// Where the state lives and how to reach it: shared by every command that reads or writes state.
struct StateOptions: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help: ArgumentHelp(
            "The state database: 'sqlite:PATH' or 'postgres://…' (default: '.aemconf/state.db' beside the config; env AEMCONF_STATE).",
            valueName: "location"
        )
    )
    var location: String?

    @Option(name: .customLong("config"), help: "The config file or directory whose folder holds the default state.")
    var config: String = "."

    @Option(name: .customLong("workspace"), help: "The named state to use, e.g. 'prod' or 'stage'.")
    var workspace: String = "default"

    @Option(
        name: .customLong("state-key-file"),
        help: "A file with the 32-byte state key (raw or base64); default: env AEMCONF_STATE_KEY."
    )
    var stateKeyFile: String?

    @Option(
        name: .customLong("lock-timeout"),
        help: ArgumentHelp(
            "How long to wait for a held state lock, e.g. '30s', '5m' (default: '0s', fail at once).",
            valueName: "duration"
        ),
        transform: StateOptions.parseDuration
    )
    var lockTimeout: Duration?

    /// The lock timeout: zero (fail at once) unless `--lock-timeout` is given.
    var lockTimeoutDuration: Duration { lockTimeout ?? .zero }

    func validate() throws {
        guard !workspace.isEmpty, workspace.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw UsageError.workspaceName(workspace)
        }
    }

    /// The resolved location: `--state`, else `AEMCONF_STATE`, else `.aemconf/state.db` beside the config.
    func resolvedLocation(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> StateLocation
    {
        if let location { return try StateLocation(parsing: location) }
        if let value = environment["AEMCONF_STATE"], !value.isEmpty { return try StateLocation(parsing: value) }
        return .sqlite(path: (defaultFolder as NSString).appendingPathComponent(".aemconf/state.db"))
    }

    /// The state key, if one is configured.
    ///
    /// Without `--state-key-file` or `AEMCONF_STATE_KEY`, a key written by `aemconf state new-key` at
    /// `.aemconf/state.key` beside the config is used.
    func stateKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StateKey? {
        if let key = try StateKey.load(keyFile: stateKeyFile, environment: environment) {
            if let stateKeyFile, let warning = StateKey.permissionWarning(keyFile: stateKeyFile) {
                Terminal.writeToStandardError("aemconf: warning: \(warning)\n")
            }
            return key
        }
        let defaultFile = (defaultFolder as NSString).appendingPathComponent(".aemconf/state.key")
        guard FileManager.default.fileExists(atPath: defaultFile) else { return nil }
        if let warning = StateKey.permissionWarning(keyFile: defaultFile) {
            Terminal.writeToStandardError("aemconf: warning: \(warning)\n")
        }
        return try StateKey.load(keyFile: defaultFile, environment: [:])
    }

    /// The folder beside the config that holds `.aemconf/`.
    var defaultFolder: String { Self.folder(holding: config) }

    /// The folder of a config path (the directory itself, or a file's directory): where `.aemconf/` lives.
    static func folder(holding path: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let folder = exists && !isDirectory.boolValue ? (path as NSString).deletingLastPathComponent : path
        return folder.isEmpty ? "." : folder
    }

    /// Opens the store for the named state; with `readOnly`, nothing is created (a missing SQLite file or
    /// PostgreSQL schema reads as an empty state) and writes are refused.
    func openStore(readOnly: Bool = false) async throws -> any StateStore {
        let logger = Logger(label: "aemconf.state")
        switch try resolvedLocation() {
        case .sqlite(let path):
            return try SQLiteStateStore(
                path: path,
                workspace: workspace,
                configuration: .init(logger: logger),
                readOnly: readOnly
            )
        case .postgres(let url):
            for warning in Self.commandLineWarnings(location: location) {
                Terminal.writeToStandardError("aemconf: warning: \(warning)\n")
            }
            return try await PostgresStateStore.connect(
                url: url,
                workspace: workspace,
                configuration: .init(
                    logger: logger, warning: { Terminal.writeToStandardError("aemconf: warning: \($0)\n") }),
                readOnly: readOnly
            )
        }
    }

    /// A warning for a password written in `--state`: every user of the machine can read it with `ps`.
    static func commandLineWarnings(location: String?) -> [String] {
        guard let location, let components = URLComponents(string: location) else {
            // A URL that does not parse may still hold a password: warn whenever user-info has a colon.
            if let location, let authority = location.split(separator: "://", maxSplits: 1).dropFirst().first,
                authority.contains("@"), authority.prefix(while: { $0 != "@" }).contains(":")
            {
                return [passwordInArgumentsWarning]
            }
            return []
        }
        let inQuery = components.queryItems?.contains { $0.name == "password" } ?? false
        return components.password != nil || inQuery ? [passwordInArgumentsWarning] : []
    }

    static let passwordInArgumentsWarning =
        "a password written in '--state' is visible to every user of this machine (ps, /proc); leave it out of the "
        + "URL and set PGPASSWORD or use ~/.pgpass (or pass the URL in AEMCONF_STATE)"

    /// Parses `500ms`, `30s`, `5m`, `1h` or a bare number of seconds.
    static func parseDuration(_ text: String) throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value >= 0 {
                return .milliseconds(Int64((value * scale * 1000).rounded()))
            }
        }
        if let value = Double(text), value >= 0 { return .milliseconds(Int64((value * 1000).rounded())) }
        throw UsageError.lockTimeout(text)
    }
}
