import AemconfState
import ArgumentParser

/// `aemconf state unlock ID`: break a lock whose holder is gone.
struct StateUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Remove a state lock whose holder is gone; a live holder needs '--force'."
    )

    @OptionGroup var state: StateOptions
    @Argument(help: "The lock id (see 'aemconf state lock list').") var id: String
    @Flag(name: .customLong("force"), help: "Break the lock even though its holder is alive.") var force = false

    func run() async throws {
        try await StateCommandRunner.run(state) { store in
            let lock = try await store.unlock(id: id, force: force)
            print("unlocked state '\(lock.workspace)'; it was held by \(lock.holderDescription)")
        }
    }
}
