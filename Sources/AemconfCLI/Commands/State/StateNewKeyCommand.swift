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
        guard !FileManager.default.fileExists(atPath: out) else {
            throw CommandFailure.report(StateError(.stateKeyInvalid, "'\(out)' already exists; remove it or choose another '--out'"))
        }
        let folder = (out as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let key = StateKey.generate()
        let text = key.base64Secret.withRevealedValue { $0 } + "\n"
        guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure.report(StateError(.stateKeyInvalid, "cannot write '\(out)'"))
        }
        print("Wrote a new state key to '\(out)' (mode 0600, key id \(key.id)).")
        print("Keep it out of git; give it to aemconf with '--state-key-file \(out)' or as \(StateKey.environmentVariable) (its content).")
    }
}
