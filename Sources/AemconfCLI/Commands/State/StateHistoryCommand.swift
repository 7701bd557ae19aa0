import AemconfModel
import AemconfState
import ArgumentParser

/// `aemconf state history [ADDRESS]`: every commit, who made it, when and with which command.
struct StateHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the history of the state or of one resource."
    )

    @OptionGroup var state: StateOptions
    @Argument(help: "Only this resource address.") var address: String?
    @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

    private struct Entry: Encodable {
        var serial: Int64
        var address: String
        var action: String
        var committedAt: String
        var author: String
        var command: String
    }

    func run() async throws {
        let address = try self.address.map(StateCommandRunner.address)
        try await StateCommandRunner.run(state, readOnly: true) { store in
            let entries = try await store.history(address: address).map { entry in
                Entry(
                    serial: entry.serial,
                    address: entry.address.description,
                    action: entry.action.rawValue,
                    committedAt: LockInfo.format(entry.committedAt),
                    author: entry.author,
                    command: entry.command
                )
            }
            if json {
                try StateCommandRunner.printJSON(entries)
                return
            }
            for entry in entries {
                print(
                    [
                        "\(entry.serial)", "\(entry.committedAt)", "\(entry.action)", entry.address, entry.author,
                        entry.command,
                    ]
                    .map { Terminal.escapingControlCharacters($0) }.joined(separator: "\t")
                )
            }
        }
    }
}
