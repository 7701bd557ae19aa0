import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state new-key [--out FILE]`: writes a new random state key (base64, mode 0600).
struct StateNewKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-key",
        abstract: "Write a new random 32-byte state key (base64) to a file readable only by you.",
        discussion: """
            The key seals client secrets and private keys in state (AES-GCM). Keep it out of git: store it in \
            your CI's secret store and give it to aemconf as AEMCONF_STATE_KEY, or pass '--state-key-file'. \
            Without it, sealed values cannot be opened again.
            """
    )

    @Option(name: .long, help: "Where to write the key; refused when the file exists.")
    var out: String = ".aemconf/state.key"

    func run() throws {
        let key: StateKey
        do {
            key = try StateKeyFile.create(at: out)
        } catch {
            throw CommandFailure.report(error)
        }
        print("Wrote a new state key to '\(out)' (mode 0600, key id \(key.id)).")
        print(
            "Keep it out of git; give it to aemconf with '--state-key-file \(out)' or as \(StateKey.environmentVariable) (its content)."
        )
    }
}
