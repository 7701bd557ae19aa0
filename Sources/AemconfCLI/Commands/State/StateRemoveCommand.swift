import AemconfModel
import AemconfState
import ArgumentParser

/// `aemconf state rm ADDRESS`: forget a resource without touching the remote object.
struct StateRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a resource from state; the remote object is left as it is."
    )

    @OptionGroup var state: StateOptions
    @Argument(help: "The resource address to forget.") var address: String

    func run() async throws {
        let address = try StateCommandRunner.address(self.address)
        try await StateCommandRunner.run(state) { store in
            let serial = try await StateCommandRunner.withLock(store, state, operation: "state rm") { lease in
                let snapshot = try await store.load()
                guard snapshot[address] != nil else {
                    throw StateError.resourceNotFound(address, workspace: snapshot.workspace)
                }
                return try await store.commit(
                    .remove(address: address),
                    expectingSerial: snapshot.serial,
                    lease: lease,
                    context: .current(command: "state rm")
                )
            }
            print("removed '\(address)' from state '\(store.workspace)' (serial \(serial))")
        }
    }
}
