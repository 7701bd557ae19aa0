import AemconfState
import ArgumentParser

/// `aemconf state lock …`: inspect locks.
struct StateLockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Inspect state locks.",
        subcommands: [StateLockListCommand.self]
    )
}

/// `aemconf state lock list`: every lock in the database, with its holder.
struct StateLockListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the locks of every named state, with holder and whether it is alive."
    )

    @OptionGroup var state: StateOptions
    @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

    func run() async throws {
        try await StateCommandRunner.run(state, readOnly: true) { store in
            let locks = try await store.locks()
            if json {
                try StateCommandRunner.printJSON(locks)
                return
            }
            if locks.isEmpty {
                print("no locks")
            }
            for lock in locks {
                let status = lock.alive == false ? "dead" : "alive"
                print(
                    [lock.id, lock.workspace, status, lock.holderDescription]
                        .map { Terminal.escapingControlCharacters($0) }.joined(separator: "\t")
                )
            }
        }
    }
}
