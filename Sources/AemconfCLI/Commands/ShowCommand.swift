import AemconfPlanner
import ArgumentParser
import Foundation

/// `aemconf show PLANFILE`: renders a saved plan as text, JSON or Markdown. Reads only the file.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render a saved plan (from 'aemconf plan --out FILE') as text, JSON or Markdown.",
        discussion: """
            Reads only the plan file: no config, state or service is needed, so CI can render the plan it keeps \
            as an artifact, e.g. 'aemconf show plan.json --markdown >> "$GITHUB_STEP_SUMMARY"'. \
            Exit status: 0 success, 1 when the file is not a plan this aemconf reads.
            """
    )

    @Argument(help: "The saved plan file.", completion: .file())
    var planFile: String

    @Flag(name: .long, help: "Print the plan as one JSON document (schemas/plan.schema.json).")
    var json = false

    @Flag(name: .long, help: "Print the plan as Markdown, for a CI job summary or a merge-request note.")
    var markdown = false

    @Flag(name: .long, help: "Never colour the output (the NO_COLOR environment variable does the same).")
    var noColor = false

    func validate() throws {
        if json, markdown { throw UsageError.exclusive("--json", "--markdown") }
    }

    func run() throws {
        let plan: Plan
        do {
            plan = try PlanFile.read(from: planFile)
        } catch {
            throw CommandFailure.report(error)
        }
        if json {
            print(PlanJSON.render(plan))
        } else if markdown {
            print(PlanMarkdown.render(plan), terminator: "")
        } else {
            print(
                PlanRenderer(color: Terminal.forStandardOutput(noColor: noColor).usesColor).render(plan), terminator: ""
            )
        }
    }
}
