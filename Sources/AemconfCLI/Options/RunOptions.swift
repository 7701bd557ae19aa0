import ArgumentParser
import Foundation

/// Options shared by the commands that talk to the services (`plan`, `apply`).
struct RunOptions: ParsableArguments {
    @Argument(help: "The config file or directory.", completion: .file())
    var path: String = "."

    @OptionGroup var state: StateOptions

    @Flag(
        name: .long,
        help:
            "Start the sandbox in this process (data in '.aemconf/sandbox.json') and point every endpoint and credential at it; its state is kept apart from real state."
    )
    var sandbox = false

    @Option(name: .long, help: "How many reads or steps run at once.")
    var parallelism: Int = 10

    @Flag(name: .long, help: "Never colour the output (the NO_COLOR environment variable does the same).")
    var noColor = false

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "warning"

    @Option(name: .long, help: "Log format: 'text' or 'json'.")
    var logFormat: String = "text"

    @Flag(name: .long, help: "Skip TLS certificate verification (labs only; warned about on every run).")
    var insecureSkipTLSVerify = false

    func validate() throws {
        guard (1...256).contains(parallelism) else {
            throw UsageError.parallelism(parallelism)
        }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw UsageError.logLevel
        }
        guard ["text", "json"].contains(logFormat) else {
            throw UsageError.logFormat
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError.noSuchPath(path)
        }
    }
}
