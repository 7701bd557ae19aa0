import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state push FILE`: replace the state with a pulled and edited file, in one commit.
struct StatePushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract:
            "Replace the state with a file from 'aemconf state pull' (same lineage, serial not behind, MAC verified with the state key)."
    )

    @OptionGroup var state: StateOptions
    @Argument(help: "The state file, or '-' for standard input.") var file: String

    func run() async throws {
        let key: StateKey?
        do {
            key = try state.stateKey()
        } catch let error as StateError {
            throw StateCommandRunner.report(error)
        }
        try await StateCommandRunner.run(state) { store in
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw StateError(.unsupportedFormat, "cannot read state file '\(file)'")
                }
                data = contents
            }
            let stateFile = try StateFile.decode(data)
            // With the key: the MAC must verify and every sealed value must open in this state (a value sealed in
            // another state is refused); without it, a file with a MAC or sealed values cannot be checked.
            try stateFile.verify(key: key, workspace: store.workspace)
            let serial = try await StateCommandRunner.withLock(store, state, operation: "state push") { lease in
                try await store.push(stateFile, context: .current(command: "state push"), lease: lease)
            }
            print("pushed \(stateFile.resources.count) resources to state '\(store.workspace)' (serial \(serial))")
        }
    }
}
