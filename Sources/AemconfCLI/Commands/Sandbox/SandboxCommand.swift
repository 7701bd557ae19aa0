import ArgumentParser

/// `aemconf sandbox`: placeholder until the emulator lands.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the emulator of AEM, IMS, the Developer Console and Target."
    )

    func run() async throws {}
}
