import AemconfEngine
import AemconfPlanner
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf plan`: desired (config) vs stored (state) vs live (refresh); prints the changes apply would make.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change: the config against state and the live services.",
        discussion: """
            Reads every managed object back from the services (in bulk) unless '--refresh false', shows \
            changes made outside aemconf apart from the config's pending changes, and never writes anything \
            remote or to state. Exit status: 0 success (with '--detailed-exitcode': no changes), 1 errors, \
            2 changes present (with '--detailed-exitcode').
            """
    )

    @OptionGroup var run: RunOptions

    @Option(name: .long, help: "Save the plan to this file (mode 0600) for 'aemconf apply FILE'.")
    var out: String?

    @Flag(name: .long, help: "Print the plan as one JSON document (schemas/plan.schema.json).")
    var json = false

    @Option(name: .long, help: "Read the live objects back before planning ('false' plans against state only).")
    var refresh: Bool = true

    @Flag(name: .long, help: "Also verify unchanged resources (Check Health, Connect to Target).")
    var verify = false

    @Flag(
        name: .long,
        help: "Plan the deletion of everything state records, as 'aemconf destroy' would (save it with '--out').")
    var destroy = false

    @OptionGroup var segments: SegmentOptions

    @Flag(name: .long, help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    func run() async throws {
        let engine = try await CommandFailure.reporting { try await EngineRun.prepare(run, readOnly: true) }
        let outcome: Plan
        do {
            let snapshot = try await engine.store.read().fingerprinting(with: engine.stateKey)
            let intents = try await engine.store.openIntents()
            outcome = try await Engine.plan(
                PlanRequest(
                    config: engine.config, session: engine.session, snapshot: snapshot, openIntents: intents,
                    refresh: refresh, verify: verify, parallelism: run.parallelism, resolveSecret: engine.resolveSecret,
                    readFile: EngineRun.readFile, toolVersion: AemconfVersion.current,
                    now: engine.session.environment.clock.now(), destroy: destroy,
                    sealer: engine.stateKey.map(SecretSealer.init(key:)), segments: segments.choices.options()
                )
            )
            if let out { try PlanFile.write(outcome, to: out) }
        } catch {
            await engine.shutdown()
            throw CommandFailure.report(error)
        }
        await engine.shutdown()
        let terminal = Terminal.forStandardOutput(noColor: run.noColor)
        if json {
            print(PlanJSON.render(outcome))
        } else {
            print(PlanRenderer(color: terminal.usesColor).render(outcome), terminator: "")
            if let out { print("Saved the plan to '\(out)'; apply it with 'aemconf apply \(out)'.") }
        }
        if !outcome.isApplyable { throw ExitCode(1) }
        if detailedExitcode, outcome.hasChanges { throw ExitCode(2) }
    }
}
