import Foundation

/// What every trial ends with: apply again (without faults), plan, count the remote objects, check the database.
struct ChaosTrialCheck: Sendable {
    /// The second apply succeeded, the plan after it had no changes and nothing expected is missing remotely.
    var converged: Bool
    /// Remote objects beyond what a converged apply leaves.
    var duplicates: Int
    /// The SQLite state failed `PRAGMA integrity_check` (after the disruption or at the end).
    var corrupt: Bool
    /// Why, when something is off.
    var problems: [String]

    /// Checks the state first as the disruption left it, then converges and checks everything.
    static func run(_ lab: ChaosLab, label: String, state: ChaosStateLocation = .sqlite) async throws
        -> ChaosTrialCheck
    {
        var problems: [String] = []
        let file = state.sqliteFile(config: lab.config)
        var corrupt = false
        if let file, let problem = ChaosIntegrity.problem(file) {
            corrupt = true
            problems.append("state after the disruption: \(problem)")
        }
        let again = try await lab.runner.run(label + "-reapply", lab.config.apply + state.arguments)
        if again.status != 0 { problems.append("the next apply failed: \(ChaosText.errors(again.standardError))") }
        let plan = try await lab.runner.run(label + "-plan", lab.config.plan + state.arguments)
        if plan.status != 0 {
            let excerpt = ChaosText.errors(plan.standardError + plan.standardOutput)
            problems.append("the plan after it: status \(plan.status) \(excerpt)")
        }
        if let file, let problem = ChaosIntegrity.problem(file) {
            corrupt = true
            problems.append("state at the end: \(problem)")
        }
        let counts = try await ChaosRemoteCounts.read(lab.sandbox)
        let expected = lab.config.expected
        let duplicates = counts.duplicates(expected)
        let missing = counts.missing(expected)
        if duplicates > 0 || missing > 0 { problems.append("remote objects: \(counts), expected \(expected)") }
        return ChaosTrialCheck(
            converged: again.status == 0 && plan.status == 0 && missing == 0,
            duplicates: duplicates, corrupt: corrupt, problems: problems
        )
    }
}

/// Totals of ``ChaosTrialCheck``s over a part's trials, and the rows that hold them against the targets.
struct ChaosConvergenceTally: Sendable {
    var trials = 0
    var converged = 0
    var duplicates = 0
    var corrupt = 0
    var notes: [String] = []

    mutating func add(_ check: ChaosTrialCheck, trial: String) {
        trials += 1
        if check.converged { converged += 1 }
        duplicates += check.duplicates
        if check.corrupt { corrupt += 1 }
        if !check.problems.isEmpty, notes.count < 8 {
            notes.append("\(trial): " + check.problems.joined(separator: " | "))
        }
    }

    func rows(part: String, sqlite: Bool = true) -> [ChaosRow] {
        let percent = trials == 0 ? 100 : Double(converged) * 100 / Double(trials)
        var rows = [
            ChaosRow(
                part: part, trials: "\(trials)", measure: "converged (next plan has no changes)",
                result: "\(converged)/\(trials) (\(String(format: "%.0f", percent)) %)", target: "100 %",
                met: converged == trials),
            ChaosRow(
                part: part, trials: "\(trials)", measure: "duplicate remote objects (sandbox dump)",
                result: "\(duplicates)", target: "0", met: duplicates == 0),
        ]
        if sqlite {
            rows.append(
                ChaosRow(
                    part: part, trials: "\(trials)", measure: "corrupt state databases (integrity_check)",
                    result: "\(corrupt)", target: "0", met: corrupt == 0))
        }
        return rows
    }
}
