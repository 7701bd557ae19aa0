import AemconfSandbox
import Foundation

/// Faults: applies against the sandbox injecting 30 % 500/502/503, 10 % 429 with `Retry-After`, 5 % connection
/// resets and 200 ms latency on every service (seeded per trial). Figures: success rate, retries spent (from
/// aemconf's debug log), blind re-sends (from the sandbox's request log, ``ChaosResendAudit``), then the trial
/// check without faults.
struct ChaosFaultedApplies {
    let lab: ChaosLab

    static func faults(seed: UInt64) throws -> SandboxFaults {
        try SandboxFaults.parse([
            "seed=\(seed)", "all:error-rate=0.3,error-statuses=500/502/503", "all:rate-limit=0.1,retry-after=1",
            "all:reset=0.05", "all:latency=200",
        ])
    }

    func run() async throws -> ChaosPartResult {
        var tally = ChaosConvergenceTally()
        var audit = ChaosResendAudit.Finding()
        var succeeded = 0
        var failed = 0
        var precise = 0
        var retries = 0
        var injected = 0
        var notes: [String] = []
        for trial in 0..<lab.settings.faultTrials {
            try await lab.freshStart()
            try await lab.sandbox.inject(try Self.faults(seed: lab.settings.seed &+ UInt64(trial)))
            let faulted = try await lab.runner.run("faulted-apply-\(trial)", lab.config.apply)
            let log = try await lab.sandbox.requests()
            try await lab.sandbox.clearFaults()
            injected += log.filter { $0.fault != nil && $0.fault != "latency" }.count
            audit.add(ChaosResendAudit.audit(log))
            retries +=
                faulted.standardError.split(separator: "\n").filter {
                    $0.contains("retrying") || $0.contains("reading back after an ambiguous failure")
                }.count
            if faulted.status == 0 {
                succeeded += 1
            } else {
                failed += 1
                if ChaosOutageReport.preciseLine(faulted.standardError) != nil {
                    precise += 1
                } else if notes.count < 4 {
                    notes.append("faulted apply \(trial): imprecise error: \(ChaosText.errors(faulted.standardError))")
                }
            }
            tally.add(try await ChaosTrialCheck.run(lab, label: "faulted-\(trial)"), trial: "faulted apply \(trial)")
        }
        let part = "faults"
        let trials = "\(tally.trials)"
        let rate = tally.trials == 0 ? 100 : Double(succeeded) * 100 / Double(tally.trials)
        var rows = [
            ChaosRow(
                part: part, trials: trials, measure: "applies that succeeded under faults",
                result: "\(succeeded)/\(tally.trials) (\(String(format: "%.0f", rate)) %)"),
            ChaosRow(part: part, trials: trials, measure: "faults injected (5xx, 429, resets)", result: "\(injected)"),
            ChaosRow(part: part, trials: trials, measure: "retries spent (aemconf's debug log)", result: "\(retries)"),
            ChaosRow(
                part: part, trials: trials, measure: "failed applies naming step, service, method, path",
                result: "\(precise)/\(failed)", target: "all", met: precise == failed),
            ChaosRow(
                part: part, trials: trials, measure: "non-idempotent POSTs (failed attempts)",
                result: "\(audit.audited) (\(audit.failedAttempts))"),
            ChaosRow(part: part, trials: trials, measure: "re-sends after a read", result: "\(audit.verifiedResends)"),
            ChaosRow(
                part: part, trials: trials, measure: "blind re-sends (request log)",
                result: "\(audit.blindResends)", target: "0", met: audit.blindResends == 0),
        ]
        rows += tally.rows(part: part)
        notes += audit.examples
        return ChaosPartResult(rows: rows, notes: notes + tally.notes)
    }
}
