import AemconfCLI
import AemconfTestSupport
import AemconfYAML
import ArgumentParser
import Foundation
import Testing

/// The CI templates under `ci/`: each parses as YAML (our own front end) and every `aemconf …` command line in
/// it parses with the real argument parser: the subcommand exists and every option is real.
@Suite struct CITemplateTests {
    static let templates = ["ci/github/aemconf.yml", "ci/github/aemconf-drift.yml", "ci/gitlab/.gitlab-ci.yml"]

    /// Every scalar of the document (run/script lines live in scalars).
    private func scalars(_ node: Node) -> [String] {
        switch node.content {
        case .scalar(let scalar): [scalar.value]
        case .sequence(let items): items.flatMap(scalars)
        case .mapping(let pairs): pairs.flatMap { scalars($0.key) + scalars($0.value) }
        }
    }

    /// Shell words of one line, quotes removed; `nil` for an unterminated quote.
    static func words(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }

    /// The argument lists of every `aemconf` command in a script: lines joined at `\`, split at `;`, `&&`, `||`,
    /// `|`, redirections dropped.
    static func aemconfCommands(in script: String) -> [[String]] {
        let joined = script.replacingOccurrences(of: "\\\n", with: " ")
        var commands: [[String]] = []
        for line in joined.split(separator: "\n") {
            guard let all = words(String(line)) else { continue }
            var segment: [String] = []
            func flush() {
                // A bare 'aemconf' is a name (the workflow's, a folder's), not a command.
                if segment.first == "aemconf", segment.count > 1 { commands.append(Array(segment.dropFirst())) }
                segment = []
            }
            var skipNext = false
            for word in all {
                if skipNext {
                    skipNext = false
                    continue
                }
                if ["&&", "||", "|", ";", "then", "do", "else", "fi", "done"].contains(word) {
                    flush()
                } else if [">", ">>", "2>", "2>>", "<"].contains(word) {
                    skipNext = true
                } else if word.hasSuffix(";") {
                    segment.append(String(word.dropLast()))
                    flush()
                } else {
                    segment.append(word)
                }
            }
            flush()
        }
        return commands
    }

    @Test(arguments: templates)
    func everyAemconfCommandLineParses(template: String) throws {
        let path = BuiltProduct.repositoryRoot + "/" + template
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let document = try #require(try YAMLParser.parseSingleDocument(text, file: template))
        let folder = try TemporaryDirectory(prefix: "aemconf-ci")
        defer { folder.remove() }
        // The paths the templates name through variables exist, as they do in a job.
        try FileManager.default.createDirectory(atPath: folder.path("aemconf"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.path("aemconf.plan.json"), contents: Data("{}".utf8))
        let values = [
            "AEMCONF_CONFIG": folder.path("aemconf"), "AEMCONF_PLAN": folder.path("aemconf.plan.json"),
            "AEMCONF_METRICS": folder.path("aemconf-drift.prom"),
        ]
        var subcommands: Set<String> = []
        var helpTypes: [String: any ParsableCommand.Type] = [:]
        let commands = scalars(document).flatMap(Self.aemconfCommands)
        #expect(!commands.isEmpty, "\(template) holds no aemconf command")
        for command in commands {
            var arguments: [String] = []
            for word in command {
                guard word.hasPrefix("$") else {
                    arguments.append(word)
                    continue
                }
                let name = word.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
                guard let value = values[name] else {
                    Issue.record(
                        "\(template): 'aemconf \(command.joined(separator: " "))' uses an unknown variable '\(word)'")
                    continue
                }
                arguments.append(value)
            }
            do {
                let parsed = try AemconfCommand.parseAsRoot(arguments)
                #expect(
                    !(parsed is AemconfCommand),
                    "\(template): 'aemconf \(command.joined(separator: " "))' names no subcommand")
                let name = type(of: parsed).configuration.commandName ?? ""
                subcommands.insert(name)
                helpTypes[name] = type(of: parsed)
            } catch {
                let line = "aemconf " + command.joined(separator: " ")
                Issue.record("\(template): '\(line)' does not parse: \(AemconfCommand.message(for: error))")
            }
        }
        let expected: Set<String> =
            template.hasSuffix("drift.yml")
            ? ["drift"]
            : template.contains("gitlab")
                ? ["plan", "show", "apply", "drift"] : ["plan", "show", "apply"]
        #expect(expected.isSubset(of: subcommands), "\(template) runs \(subcommands.sorted())")
        // Each subcommand a template runs has its help, as 'aemconf SUBCOMMAND --help' prints it.
        for (name, command) in helpTypes {
            let help = AemconfCommand.helpMessage(for: command, columns: 200)
            #expect(help.contains("USAGE: aemconf \(name)"), "\(help)")
        }
    }

    @Test func theLineSplitterFindsCommandsAndDropsRedirections() {
        let script = """
            aemconf plan "$AEMCONF_CONFIG" --out "$AEMCONF_PLAN" --detailed-exitcode || test $? -eq 2
            aemconf show "$AEMCONF_PLAN" --markdown >> "$GITHUB_STEP_SUMMARY"
            if [ -n "$X" ]; then aemconf drift x \\
              --json > drift.json; fi
            echo aemconf plan
            """
        #expect(
            Self.aemconfCommands(in: script) == [
                ["plan", "$AEMCONF_CONFIG", "--out", "$AEMCONF_PLAN", "--detailed-exitcode"],
                ["show", "$AEMCONF_PLAN", "--markdown"],
                ["drift", "x", "--json"],
            ])
    }

    @Test func aMisspelledOptionIsCaught() {
        #expect(throws: (any Error).self) { try AemconfCommand.parseAsRoot(["plan", ".", "--outt", "x"]) }
        #expect(throws: (any Error).self) { try AemconfCommand.parseAsRoot(["plann", "."]) }
    }
}
