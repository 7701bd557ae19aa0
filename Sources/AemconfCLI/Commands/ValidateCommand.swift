import ArgumentParser

/// `aemconf validate`: placeholder until the config front end lands.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and check a config file or directory."
    )

    func run() async throws {}
}
