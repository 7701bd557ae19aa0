import AemconfTestSupport
import Foundation

/// Concurrency: two applies started together on one state (SQLite, or PostgreSQL when a URL is given). Even
/// trials use the default `--lock-timeout` (the loser must name the holder), odd trials `--lock-timeout 300s`
/// (the loser waits, then finds nothing to do). Exactly one may proceed; the two processes' commits, told apart
/// by their authors in `aemconf state history`, must not interleave.
struct ChaosConcurrentApplies {
    enum Backend {
        case sqlite
        case postgres(String?)
    }

    let lab: ChaosLab
    let backend: Backend

    private var part: String {
        if case .sqlite = backend { return "concurrency (SQLite)" }
        return "concurrency (PostgreSQL)"
    }

    private func location(trial: Int) -> ChaosStateLocation? {
        switch backend {
        case .sqlite: return .sqlite
        case .postgres(let url?):
            return .postgres(url: url, workspace: "chaos-\(ProcessInfo.processInfo.processIdentifier)-\(trial)")
        case .postgres(nil): return nil
        }
    }

    func run() async throws -> ChaosPartResult {
        let trials = lab.settings.concurrencyTrials
        guard location(trial: 0) != nil else {
            return ChaosPartResult(rows: [
                ChaosRow(
                    part: part, trials: "0", measure: "skipped: no PostgreSQL",
                    result: "(set AEMCONF_TEST_POSTGRES_URL or --postgres)")
            ])
        }
        var tally = ChaosConvergenceTally()
        var exactlyOne = 0
        var interleaved = 0
        var named = 0
        var waited = 0
        var notes: [String] = []
        for trial in 0..<trials {
            guard let state = location(trial: trial) else { break }
            try await lab.freshStart(stateLocation: state)
            let extra = trial % 2 == 1 ? ["--lock-timeout", "300s"] : []
            let arguments = lab.config.apply + state.arguments + extra
            async let first = race(arguments, author: "chaos-a", label: "race-\(trial)-a")
            async let second = race(arguments, author: "chaos-b", label: "race-\(trial)-b")
            let results = try await [first, second]
            let proceeded = results.filter { $0.status == 0 && $0.standardOutput.contains("Apply complete:") }
            let loser = results.first { !($0.status == 0 && $0.standardOutput.contains("Apply complete:")) }
            let namedHolder = loser.map { $0.status != 0 && $0.standardError.contains("is locked by") } ?? false
            let waitedOut = loser.map { $0.status == 0 && $0.standardOutput.contains("No changes.") } ?? false
            if namedHolder { named += 1 }
            if waitedOut { waited += 1 }
            if proceeded.count == 1, namedHolder || waitedOut {
                exactlyOne += 1
            } else if notes.count < 4 {
                notes.append(
                    "\(part) trial \(trial): "
                        + results.map {
                            "status \($0.status): \(ChaosText.errors($0.standardError))"
                        }.joined(separator: " || "))
            }
            let history = try await lab.runner.run(
                "race-\(trial)-history", ["state", "history", "--json"] + historyArguments(state)
            )
            if ChaosCommitOrder.interleaves(historyJSON: history.standardOutput) {
                interleaved += 1
                if notes.count < 6 {
                    notes.append("\(part) trial \(trial): interleaved commits \(history.standardOutput.prefix(600))")
                }
            }
            let check = try await ChaosTrialCheck.run(lab, label: "race-\(trial)", state: state)
            tally.add(check, trial: "\(part) \(trial)")
        }
        let sqlite: Bool
        if case .sqlite = backend { sqlite = true } else { sqlite = false }
        let count = "\(tally.trials)"
        var rows = [
            ChaosRow(
                part: part, trials: count, measure: "exactly one proceeded, the other waited or named the holder",
                result: "\(exactlyOne)/\(tally.trials) (named \(named), waited \(waited))", target: "all",
                met: exactlyOne == tally.trials),
            ChaosRow(
                part: part, trials: count, measure: "trials with interleaved commits (state history)",
                result: "\(interleaved)", target: "0", met: interleaved == 0),
        ]
        rows += tally.rows(part: part, sqlite: sqlite)
        return ChaosPartResult(rows: rows, notes: notes + tally.notes)
    }

    private func historyArguments(_ state: ChaosStateLocation) -> [String] {
        switch state {
        case .sqlite: ["--config", lab.config.folder]
        case .postgres: state.arguments
        }
    }

    private func race(_ arguments: [String], author: String, label: String) async throws -> ChildProcessResult {
        let result = try await lab.runner.run(label, arguments, environment: ["USER": author])
        return result
    }
}

/// Whether two processes' commits interleave in a state's history.
enum ChaosCommitOrder {
    /// Each author's commits must form one contiguous run of serials, and no serial may have two authors.
    static func interleaves(historyJSON: String) -> Bool {
        guard let entries = try? JSONSerialization.jsonObject(with: Data(historyJSON.utf8)) as? [[String: Any]] else {
            return false
        }
        let commits = entries.compactMap { entry -> (Int64, String)? in
            guard let serial = (entry["serial"] as? NSNumber)?.int64Value, let author = entry["author"] as? String
            else { return nil }
            return (serial, author)
        }.sorted { $0.0 < $1.0 }
        var authorOfSerial: [Int64: String] = [:]
        for (serial, author) in commits {
            if let other = authorOfSerial[serial], other != author { return true }
            authorOfSerial[serial] = author
        }
        var runs: [String] = []
        for (_, author) in commits where runs.last != author { runs.append(author) }
        return runs.count != Set(runs).count
    }
}
