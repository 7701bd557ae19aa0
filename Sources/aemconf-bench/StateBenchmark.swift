import AemconfModel
import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import ArgumentParser
import Foundation

/// `aemconf-bench state`: commits N resource rows one step at a time, then loads the whole state, for SQLite and
/// PostgreSQL, and prints the per-commit cost around the 100th and the Nth commit and the full-load time.
struct StateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Benchmark state commits (one row per step) and full loads."
    )

    @Option(name: .customLong("count"), help: "How many resource rows to commit.")
    var count = 10_000

    @Option(
        name: .customLong("postgres"),
        help: "A PostgreSQL URL (default: env AEMCONF_TEST_POSTGRES_URL); without one, PostgreSQL is skipped."
    )
    var postgres: String?

    @Option(name: .customLong("loads"), help: "How many full loads to time.")
    var loads = 5

    func validate() throws {
        guard count >= 200 else { throw ValidationError("'--count' must be at least 200") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("aemconf-bench-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteStateStore(path: directory.appendingPathComponent("state.db").path)
        try await measure("sqlite", sqlite)
        try await sqlite.close()

        let url = postgres ?? ProcessInfo.processInfo.environment["AEMCONF_TEST_POSTGRES_URL"]
        guard let url, !url.isEmpty else {
            print("postgres: skipped (pass '--postgres URL' or set AEMCONF_TEST_POSTGRES_URL)")
            return
        }
        let store = try await PostgresStateStore.connect(url: url, workspace: "bench-\(UUID().uuidString.lowercased())")
        try await measure("postgres", store)
        try await store.close()
    }

    private func measure(_ name: String, _ store: any StateStore) async throws {
        let clock = ContinuousClock()
        let fingerprinter = try await store.load().fingerprinter
        var serial = try await store.load().serial
        var costs: [Duration] = []
        costs.reserveCapacity(count)
        let lease = try await store.tryLock(.current(operation: "bench"))
        let started = clock.now
        for index in 0..<count {
            let record = try Self.record(index, fingerprinter: fingerprinter)
            let before = clock.now
            serial = try await store.commit(.put(record), expectingSerial: serial, lease: lease, context: Self.context)
            costs.append(before.duration(to: clock.now))
        }
        try await lease.release()
        let total = started.duration(to: clock.now)
        let early = Self.median(costs[89..<110])
        let late = Self.median(costs[(count - 20)..<count])
        var loadTimes: [Duration] = []
        var rows = 0
        for _ in 0..<loads {
            let before = clock.now
            let snapshot = try await store.load()
            loadTimes.append(before.duration(to: clock.now))
            // Counted (and freed) outside the timed span: the figure is the load, not the release of its result.
            rows = snapshot.resources.count
        }
        let ratio = late.seconds / max(early.seconds, 1e-12)
        print("\(name): \(count) commits in \(Self.format(total)) (mean \(Self.format(total / count)) per commit)")
        print(
            "\(name): per-commit median around #100 = \(Self.format(early)), around #\(count) = \(Self.format(late)), ratio \(String(format: "%.2f", ratio))× (target ≤ 1.5×)"
        )
        print(
            "\(name): full load of \(rows) rows: first \(Self.format(loadTimes[0])), median of \(loads) \(Self.format(Self.median(loadTimes[...])))"
                + (name == "sqlite" ? " (target ≤ 100 ms)" : ""))
    }

    static let context = CommitContext(author: "bench@localhost", command: "bench")

    static func record(_ index: Int, fingerprinter: SecretFingerprinter) throws -> ResourceRecord {
        ResourceRecord(
            address: ResourceAddress(kind: .targetCloudService, name: "bench-\(index)"),
            attributes: try JSONDocument(
                encoding: JSONValue.object([
                    "title": .string("Target bench \(index)"),
                    "clientCode": .string("benchclient"),
                    "tenant": .string("bench-tenant"),
                    "imsConfiguration": .string("target-prod"),
                    "apiType": .string("rest"),
                    "a4t": .bool(true),
                    "accurateTargeting": .bool(true),
                    "segmentSync": .bool(false),
                    "timeout": .number(2000),
                    "path": .string("/etc/cloudservices/testandtarget/bench-\(index)"),
                ])
            ),
            remoteIDs: ["path": "/etc/cloudservices/testandtarget/bench-\(index)", "jcrUuid": UUID().uuidString],
            secrets: ["clientSecret": .fingerprint(fingerprinter.fingerprint(Secret("secret-\(index)")))],
            dependencies: ["imsConfigurations.target-prod"],
            lastAppliedAt: Date()
        )
    }

    static func median(_ values: ArraySlice<Duration>) -> Duration {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 0.001 { return String(format: "%.2f ms", seconds * 1000) }
        return String(format: "%.1f µs", seconds * 1_000_000)
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
