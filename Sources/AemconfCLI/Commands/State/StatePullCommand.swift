import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state pull > state.json`: the state as a portable file, with no secret value.
struct StatePullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Print the state as JSON (no secret values; sealed values stay sealed)."
    )

    @OptionGroup var state: StateOptions

    func run() async throws {
        try await StateCommandRunner.run(state, readOnly: true) { store in
            FileHandle.standardOutput.write(try await store.pull().encoded())
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
