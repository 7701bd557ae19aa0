import AemconfModel
import ArgumentParser
import Foundation

/// `aemconf validate [PATH] [--json]`: parse and check a config, printing every problem compiler-style.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and check a config file or directory, printing every problem with its file, line and column.",
        discussion: """
            PATH is a config file, or a directory whose *.yaml and *.yml files are merged by kind. \
            Exit status: 0 when the config has no errors (warnings allowed), 1 when it has errors, \
            64 for a bad command line.
            """
    )

    @Argument(help: "The config file or directory to check.", completion: .file())
    var path: String = "."

    @Flag(name: .long, help: "Print the diagnostics as a JSON array on standard output.")
    var json = false

    @Flag(
        name: .long,
        help: "Also check that every '${env:…}' variable is set and every '${file:…}' file is readable."
    )
    var resolveSecrets = false

    @Flag(name: .long, help: "Never colour the output (the NO_COLOR environment variable does the same).")
    var noColor = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError.noSuchPath(path)
        }
    }

    func run() throws {
        let outcome = execute(terminal: .forStandardError(noColor: noColor), secretResolver: .live)
        if !outcome.standardOutput.isEmpty { print(outcome.standardOutput, terminator: "") }
        if !outcome.standardError.isEmpty { Terminal.writeToStandardError(outcome.standardError) }
        if outcome.exitCode != 0 {
            throw ExitCode(outcome.exitCode)
        }
    }

    /// What the command prints and its exit status, computed without touching the process's streams.
    struct Outcome: Sendable {
        var standardOutput: String
        var standardError: String
        var exitCode: Int32
    }

    /// Loads and checks the config and renders the result.
    func execute(terminal: Terminal, secretResolver: SecretResolver) -> Outcome {
        let options = ConfigLoader.Options(resolveSecrets: resolveSecrets, secretResolver: secretResolver)
        let result = ConfigLoader.load(path: path, options: options)
        var outcome = Outcome(standardOutput: "", standardError: "", exitCode: result.hasErrors ? 1 : 0)
        if json {
            outcome.standardOutput = DiagnosticPrinter.json(result.diagnostics) + "\n"
            return outcome
        }
        if !result.diagnostics.isEmpty {
            var printer = DiagnosticPrinter(terminal: terminal)
            let summary = DiagnosticPrinter.summary(errors: result.errorCount, warnings: result.warningCount)
            outcome.standardError =
                printer.render(result.diagnostics, sensitiveRanges: result.sensitiveRanges)
                + "aemconf: \(summary)\n"
        }
        if let config = result.config {
            let resources = config.resourceAddresses.count
            let files = config.files.count
            outcome.standardOutput =
                "config '\(path)' is valid: \(files) file\(files == 1 ? "" : "s"), "
                + "\(resources) resource\(resources == 1 ? "" : "s")\n"
        }
        return outcome
    }
}
