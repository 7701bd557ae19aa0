import AemconfTestSupport
import Foundation
import Testing

/// `aemconf-bench chaos --smoke`: the harness itself runs end to end (so it cannot rot), and on a small config the
/// safety targets hold in every part: every trial converged (a killed sandbox included), no duplicate remote
/// object, no corrupt database, no blind re-send, no interleaved commit, no canary. The concurrency verdict (did
/// the loser wait or name the holder) depends on whether the two processes overlapped at all on a loaded machine;
/// the full run of `scripts/chaos` reports it, never this test.
@Suite(.serialized)
struct ChaosSmokeEndToEndTests {
    @Test func theSmokeRunPrintsEveryPartOfTheTableAndMeetsTheSafetyTargets() async throws {
        let bench = try BuiltProduct.require("aemconf-bench")
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        // Under scripts/test the concurrency part also races on PostgreSQL; otherwise it prints "skipped".
        environment["AEMCONF_TEST_POSTGRES_URL"] = ProcessInfo.processInfo.environment["AEMCONF_TEST_POSTGRES_URL"]
        let result = try await ChildProcess.run(
            executable: bench, arguments: ["chaos", "--smoke", "--seed", "3"], environment: environment,
            timeout: .seconds(900)
        )
        let table = result.standardOutput
        #expect(
            result.status == 0 || table.contains("TARGETS MISSED"),
            "\(table.suffix(3000)) \(result.standardError.suffix(2000))")
        for part in [
            "killed applies", "killed services", "faults", "concurrency (SQLite)", "concurrency (PostgreSQL)",
            "secrets",
        ] {
            #expect(table.contains("\n" + part + " "), "the table has a '\(part)' part: \(table)")
        }
        for measure in [
            "converged (next plan has no changes)", "duplicate remote objects (sandbox dump)",
            "corrupt state databases (integrity_check)", "blind re-sends (request log)", "canary hits",
            "exactly one proceeded, the other waited or named the holder",
        ] {
            #expect(table.contains(measure), "the table reports '\(measure)'")
        }
        #expect(table.contains("3/3 (100 %)"), "three killed applies, all converged: \(table)")
        let safety = [
            "converged (next plan has no changes)", "duplicate remote objects", "corrupt state databases",
            "blind re-sends", "canary hits", "trials with interleaved commits",
        ]
        var rows: [Substring] = []
        for row in table.split(separator: "\n", omittingEmptySubsequences: false) where !row.hasPrefix("TARGETS") {
            if row.isEmpty, !rows.isEmpty { break }  // the notes follow the table after an empty line
            if safety.contains(where: { row.contains($0) }) { rows.append(row) }
        }
        #expect(rows.count >= 12, "\(table)")
        for row in rows {
            #expect(row.trimmingCharacters(in: .whitespaces).hasSuffix("yes"), "a safety target missed: \(row)")
        }
    }
}
