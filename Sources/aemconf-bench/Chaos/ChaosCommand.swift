import ArgumentParser
import Foundation

/// `aemconf-bench chaos` (`scripts/chaos`): kills, faults and races `aemconf apply` against an out-of-process
/// `aemconf sandbox --data FILE` and prints a table of figures against their targets (issue 14, item 1).
///
/// Never a timed test: the figures are counts (converged trials, duplicate remote objects, corrupt databases,
/// blind re-sends, canary hits). The command exits 1 when a target is missed.
struct ChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Kill, fault and race aemconf apply against an out-of-process sandbox; print the figures."
    )

    @Option(help: "Killed-apply trials (100; 3 with --smoke).")
    var trials: Int?

    @Option(help: "Killed-sandbox trials (10; 1 with --smoke).")
    var serviceTrials: Int?

    @Option(help: "Applies under injected faults (10; 1 with --smoke).")
    var faultTrials: Int?

    @Option(help: "Concurrent-apply trials per state backend (20; 2 with --smoke).")
    var concurrencyTrials: Int?

    @Option(help: "Stacks in the generated config (20; 5 with --smoke).")
    var stacks: Int?

    @Option(help: "The seed of every random choice (kill moments, outage lengths, faults).")
    var seed: UInt64 = 14

    @Option(help: "PostgreSQL URL for the concurrency trials (default: env AEMCONF_TEST_POSTGRES_URL).")
    var postgres: String?

    @Flag(help: "A quick run that only shows the harness works (the end-to-end suite runs it).")
    var smoke = false

    @Flag(help: "Keep the work folder (outputs, state, sandbox data) and print its path.")
    var keep = false

    func run() async throws {
        let settings = ChaosSettings(
            trials: trials ?? (smoke ? 3 : 100),
            serviceTrials: serviceTrials ?? (smoke ? 1 : 10),
            faultTrials: faultTrials ?? (smoke ? 1 : 10),
            concurrencyTrials: concurrencyTrials ?? (smoke ? 2 : 20),
            stacks: stacks ?? (smoke ? 5 : 20),
            seed: seed,
            postgres: postgres ?? ProcessInfo.processInfo.environment["AEMCONF_TEST_POSTGRES_URL"]
        )
        try settings.validate()
        let lab = try await ChaosLab.open(settings)
        var table = ChaosTable()
        do {
            table.append(try await ChaosKilledApplies(lab: lab).run())
            table.append(try await ChaosKilledServices(lab: lab).run())
            table.append(try await ChaosFaultedApplies(lab: lab).run())
            table.append(try await ChaosConcurrentApplies(lab: lab, backend: .sqlite).run())
            table.append(try await ChaosConcurrentApplies(lab: lab, backend: .postgres(settings.postgres)).run())
            table.append(try await ChaosSecretScan(lab: lab).run())
        } catch {
            await lab.close(keep: true)
            throw error
        }
        print(table.render(header: settings.header(calibration: lab.calibration)))
        await lab.close(keep: keep)
        if keep { print("work folder kept: \(lab.folder)") }
        guard table.allTargetsMet else {
            print("TARGETS MISSED: " + table.missed.joined(separator: "; "))
            throw ExitCode(1)
        }
        print("every target met")
    }
}

/// What one run of the harness does, resolved from the options.
struct ChaosSettings: Sendable {
    var trials: Int
    var serviceTrials: Int
    var faultTrials: Int
    var concurrencyTrials: Int
    var stacks: Int
    var seed: UInt64
    var postgres: String?

    func validate() throws {
        for (name, value) in [
            ("--trials", trials), ("--service-trials", serviceTrials), ("--fault-trials", faultTrials),
            ("--concurrency-trials", concurrencyTrials),
        ] where value < 0 {
            throw ValidationError("'\(name)' must not be negative, got \(value)")
        }
        guard (5...500).contains(stacks) else {
            throw ValidationError("'--stacks' must be between 5 and 500, got \(stacks)")
        }
    }

    func header(calibration: Duration) -> String {
        let seconds = String(
            format: "%.1f",
            Double(calibration.components.seconds)
                + Double(calibration.components.attoseconds) / 1e18)
        return "aemconf-bench chaos: \(stacks) stacks, seed \(seed); a full apply from empty took \(seconds) s "
            + "(kill moments are drawn within it)"
    }
}
