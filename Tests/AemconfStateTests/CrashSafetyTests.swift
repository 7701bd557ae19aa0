import AemconfModel
import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

/// A process killed with SIGKILL in the middle of a burst of commits loses nothing that returned.
@Suite("Crash safety")
struct CrashSafetyTests {
    @Test func sqliteSurvivesKillNineMidBurst() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-crash")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let committed = try await burstAndKill(location: "sqlite:" + path)
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.integrityCheck() == ["ok"])
        try await verify(store, committed: committed)
        try await store.close()
    }

    @Test func postgresSurvivesKillNineMidBurst() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let committed = try await burstAndKill(location: url)
        let store = try await PostgresStateStore.connect(url: url)
        try await verify(store, committed: committed)
        try await store.close()
    }

    /// Starts a burst, kills the probe after at least 40 commits returned, and gives back what it printed.
    private func burstAndKill(location: String) async throws -> [(serial: Int64, address: ResourceAddress)] {
        let probe = try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf-state-probe"),
            arguments: ["commit-burst", location, "default", "100000"]
        )
        _ = try await probe.waitForLine { $0.hasPrefix("committed 40 ") }
        probe.send(signal: SIGKILL)
        // The output is drained to the end before this returns, so every line the probe printed is counted.
        let result = try await probe.waitForExit(timeout: .seconds(300))
        #expect(result.termination == .signaled(SIGKILL))
        return result.standardOutput.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "committed", let serial = Int64(parts[1]),
                let address = ResourceAddress(String(parts[2]))
            else { return nil }
            return (serial, address)
        }
    }

    private func verify(_ store: any StateStore, committed: [(serial: Int64, address: ResourceAddress)]) async throws {
        let last = try #require(committed.last)
        #expect(committed.count >= 40)
        let snapshot = try await store.load()
        #expect(snapshot.serial >= last.serial, "every returned commit is durable")
        #expect(snapshot.serial <= last.serial + 1, "at most the one in flight landed beyond what was printed")
        for (serial, address) in committed {
            #expect(snapshot[address]?.remoteIDs["id"] != nil, "row '\(address)' of serial \(serial) is there")
        }
        #expect(Int64(snapshot.resources.count) == snapshot.serial, "one row per commit, nothing half-written")
        let history = try await store.history(address: nil)
        #expect(history.map(\.serial) == Array(1...snapshot.serial), "history has every serial once")
    }
}
