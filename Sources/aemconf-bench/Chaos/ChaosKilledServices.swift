import AemconfTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Killed services: the sandbox process itself killed with SIGKILL mid-apply and restarted from its data file.
/// Even trials restart it after a short seeded outage (the apply may ride it out on retries); odd trials leave it
/// down until the apply has ended, which must then name the outage precisely (step, service, method, path).
struct ChaosKilledServices {
    let lab: ChaosLab

    func run() async throws -> ChaosPartResult {
        var tally = ChaosConvergenceTally()
        var failed = 0
        var precise = 0
        var rodeOut = 0
        var notes: [String] = []
        for trial in 0..<lab.settings.serviceTrials {
            try await lab.freshStart()
            try await Task.sleep(for: .milliseconds(300))  // the prepared seed reaches the data file (50 ms debounce)
            let moment = lab.random.moment(within: lab.calibration, from: 0.1, to: 0.8)
            let outage = lab.random.moment(within: .seconds(3), from: 0.15, to: 1)
            let apply = try await lab.runner.start(lab.config.apply)
            try await Task.sleep(for: moment)
            await lab.sandbox.kill()
            let result: ChildProcessResult
            if trial % 2 == 0 {
                try await Task.sleep(for: outage)
                try await lab.sandbox.restart()
                result = try await apply.waitForExit(timeout: .seconds(900))
            } else {
                result = try await apply.waitForExit(timeout: .seconds(900))
                try await lab.sandbox.restart()
            }
            lab.runner.record("killed-sandbox-\(trial)", result)
            if result.status == 0 {
                rodeOut += 1
            } else {
                failed += 1
                if let line = ChaosOutageReport.preciseLine(result.standardError) {
                    precise += 1
                    if notes.isEmpty { notes.append("an outage as reported (trial \(trial)): \(line)") }
                } else if notes.count < 4 {
                    notes.append("killed sandbox \(trial): imprecise report: \(ChaosText.errors(result.standardError))")
                }
            }
            tally.add(
                try await ChaosTrialCheck.run(lab, label: "killed-sandbox-\(trial)"),
                trial: "killed sandbox \(trial)")
        }
        let part = "killed services"
        var rows = tally.rows(part: part)
        let trials = "\(tally.trials)"
        rows.append(
            ChaosRow(
                part: part, trials: trials, measure: "applies that rode the outage out",
                result: "\(rodeOut)/\(tally.trials)"))
        rows.append(
            ChaosRow(
                part: part, trials: trials, measure: "failed applies naming step, service, method, path",
                result: "\(precise)/\(failed)", target: "all", met: precise == failed))
        return ChaosPartResult(rows: rows, notes: notes + tally.notes)
    }
}

/// Finds the line of an apply's error output that names the outage precisely.
enum ChaosOutageReport {
    /// `STEP: SERVICE METHOD /PATH failed: …` or `… returned STATUS`, as ``ServiceError`` renders it.
    static func preciseLine(_ standardError: String) -> String? {
        let services = ["AEM", "IMS", "Developer Console", "Target"]
        let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]
        for line in standardError.split(separator: "\n").map(String.init) {
            for service in services {
                for method in methods {
                    guard let range = line.range(of: ": \(service) \(method) /") else { continue }
                    let step = line[..<range.lowerBound]
                    let rest = line[range.upperBound...]
                    if !step.isEmpty, rest.contains(" failed: ") || rest.contains(" returned ") { return line }
                }
            }
        }
        return nil
    }
}
