import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Killed applies: `kill -9` of `aemconf apply` at a seeded moment within a full apply's duration, then the trial
/// check (apply again, plan, remote duplicates, `PRAGMA integrity_check`).
struct ChaosKilledApplies {
    let lab: ChaosLab

    func run() async throws -> ChaosPartResult {
        var tally = ChaosConvergenceTally()
        var landed = 0
        for trial in 0..<lab.settings.trials {
            try await lab.freshStart()
            let moment = lab.random.moment(within: lab.calibration, from: 0.02, to: 0.98)
            let apply = try await lab.runner.start(lab.config.apply)
            try await Task.sleep(for: moment)
            apply.send(signal: SIGKILL)
            let killed = try await apply.waitForExit(timeout: .seconds(120))
            lab.runner.record("killed-apply-\(trial)", killed)
            if killed.termination == .signaled(SIGKILL) { landed += 1 }
            let check = try await ChaosTrialCheck.run(lab, label: "killed-apply-\(trial)")
            tally.add(check, trial: "killed apply \(trial)")
        }
        let part = "killed applies"
        var result = ChaosPartResult(rows: tally.rows(part: part), notes: tally.notes)
        result.rows.append(
            ChaosRow(
                part: part, trials: "\(tally.trials)", measure: "kills that landed before the apply ended",
                result: "\(landed)/\(tally.trials)"
            ))
        return result
    }
}
