import ArgumentParser

/// `aemconf state …`: placeholder until the state store lands.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect and repair stored state."
    )

    func run() async throws {}
}
