import AemconfCLI
import AemconfTestSupport
import ArgumentParser
import Testing

/// `aemconf --generate-completion-script bash|zsh|fish` from the built binary: each script is produced and
/// completes the subcommands and their options.
@Suite struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func theBinaryPrintsEachScript(shell: String) async throws {
        let result = try await AemconfBinary.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result)")
        for word in ["plan", "apply", "drift", "import", "doctor", "show", "detailed-exitcode", "generate-config"] {
            #expect(result.standardOutput.contains(word), "\(shell) script lacks '\(word)'")
        }
        let header: String =
            switch shell {
            case "bash": "complete -"
            case "zsh": "#compdef aemconf"
            default: "complete -c 'aemconf'"
            }
        #expect(result.standardOutput.contains(header), "\(shell): \(result.standardOutput.prefix(200))")
    }
}
