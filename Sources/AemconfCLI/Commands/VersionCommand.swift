import ArgumentParser

/// `aemconf version`: prints the tool's version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print aemconf's version."
    )

    func run() {
        print("aemconf \(AemconfVersion.current)")
    }
}
