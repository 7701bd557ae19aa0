import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import AemconfTestSupport
import Testing

/// Every store runs the one shared conformance suite.
@Suite("StateStoreConformance")
struct StateStoreConformanceTests {
    @Test(arguments: StateStoreConformance.Check.allCases)
    func inMemory(_ check: StateStoreConformance.Check) async throws {
        try await StateStoreConformance { clock in
            InMemoryStateStore(configuration: .init(clock: clock))
        }.run(check)
    }

    @Test(arguments: StateStoreConformance.Check.allCases)
    func sqlite(_ check: StateStoreConformance.Check) async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-state")
        defer { directory.remove() }
        try await StateStoreConformance { clock in
            // No heartbeat: expiry is driven by the manual clock alone.
            try SQLiteStateStore(
                path: directory.path(".aemconf/state.db"),
                configuration: .init(clock: clock, heartbeatInterval: nil)
            )
        }.run(check)
    }

    @Test(arguments: StateStoreConformance.Check.allCases)
    func postgres(_ check: StateStoreConformance.Check) async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        try await StateStoreConformance(terminateLeaseSession: { lock in
            // From another connection, as a crash or network cut would; the holder row stays.
            _ = try await TestPostgres.query(
                url, "SELECT pg_terminate_backend(backend_pid) FROM state_lock WHERE id = '\(lock.id)'")
        }) { clock in
            try await PostgresStateStore.connect(url: url, configuration: .init(clock: clock))
        }.run(check)
    }
}
