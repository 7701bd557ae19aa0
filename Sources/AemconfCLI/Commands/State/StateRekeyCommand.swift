import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state rekey --new-key-file FILE`: re-seal every sealed value under a new key in one transaction.
struct StateRekeyCommand: AsyncParsableCommand {
    /// The environment variable holding the new key (base64) when `--new-key-file` is not given.
    static let newKeyEnvironmentVariable = "AEMCONF_STATE_NEW_KEY"

    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Re-seal every sealed value (all named states, with history) under a new state key."
    )

    @OptionGroup var state: StateOptions
    @Option(
        name: .customLong("new-key-file"),
        help:
            "A file with the new 32-byte key (raw or base64); default: env \(StateRekeyCommand.newKeyEnvironmentVariable)."
    )
    var newKeyFile: String?

    func run() async throws {
        try await StateCommandRunner.run(state) { store in
            let environment = ProcessInfo.processInfo.environment
            guard let old = try state.stateKey(environment: environment) else {
                throw StateError(
                    .stateKeyMissing,
                    "'state rekey' needs the current key: set \(StateKey.environmentVariable) or pass '--state-key-file'"
                )
            }
            guard
                let new = try StateKey.load(
                    keyFile: newKeyFile,
                    environment: environment,
                    variable: Self.newKeyEnvironmentVariable
                )
            else {
                throw StateError(
                    .stateKeyMissing,
                    "'state rekey' needs the new key: pass '--new-key-file' or set \(Self.newKeyEnvironmentVariable)"
                )
            }
            let count = try await StateCommandRunner.withLock(store, state, operation: "state rekey") { _ in
                try await store.rekey(from: SecretSealer(key: old), to: SecretSealer(key: new))
            }
            print("re-sealed \(count) values from key '\(old.id)' to key '\(new.id)'")
        }
    }
}
