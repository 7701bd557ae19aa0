import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state pull > state.json`: the state as a portable file, with no secret value.
struct StatePullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Print the state as JSON (no secret values; sealed values stay sealed; MAC'd with the state key)."
    )

    @OptionGroup var state: StateOptions

    func run() async throws {
        let key: StateKey?
        do {
            key = try state.stateKey()
        } catch let error as StateError {
            throw StateCommandRunner.report(error)
        }
        try await StateCommandRunner.run(state, readOnly: true) { store in
            var file = try await store.pull()
            // With the state key, the file carries a MAC: 'state push' refuses it once changed.
            if let key { file = try file.authenticated(with: key) }
            FileHandle.standardOutput.write(try file.encoded())
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
