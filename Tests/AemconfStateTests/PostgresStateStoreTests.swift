import AemconfState
import AemconfStatePostgres
import AemconfTestSupport
import Foundation
import Testing

@Suite("PostgresStateStore")
struct PostgresStateStoreTests {
    @Test func migratesAnEmptyDatabaseWithNamedMigrations() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let store = try await PostgresStateStore.connect(url: url)
        let expected = [
            "0001-create-state", "0002-create-resource", "0003-create-resource-history", "0004-create-intent",
            "0005-create-state-lock", "0006-plural-resource-kinds",
        ]
        #expect(try await store.appliedMigrations() == expected)
        try await store.close()
        let again = try await PostgresStateStore.connect(url: url)
        #expect(try await again.appliedMigrations() == expected, "a second connect applies nothing twice")
        try await again.close()
    }

    @Test func concurrentFirstConnectsMigrateOnce() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try await PostgresStateStore.connect(url: url)
                    try await store.close()
                }
            }
            try await group.waitForAll()
        }
        #expect(try await TestPostgres.query(url, "SELECT count(*) FROM schema_migration") == "6")
    }

    @Test func droppedHolderConnectionReleasesTheLock() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let holder = try await PostgresStateStore.connect(url: url)
        let other = try await PostgresStateStore.connect(url: url)
        let lease = try await holder.tryLock(StateStoreConformance.request("apply"))
        await #expect(throws: StateError.locked) {
            try await other.tryLock(StateStoreConformance.request("plan"))
        }
        // Drop the holder's dedicated connection from the server side, as a network cut or crash would.
        _ = try await TestPostgres.query(
            url,
            "SELECT pg_terminate_backend(backend_pid) FROM state_lock WHERE id = '\(lease.info.id)'"
        )
        let listed = try await other.locks()
        #expect(listed.first?.alive == false, "the row stays for display, but no session holds the lock")
        let next = try await other.lock(StateStoreConformance.request("plan"), timeout: .seconds(10))
        #expect(try await other.locks().map(\.id) == [next.info.id], "the takeover replaced the holder row")
        try await next.release()
        try? await lease.release()
        try await holder.close()
        try await other.close()
    }

    @Test func forcedUnlockEndsTheHolderSession() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let holder = try await PostgresStateStore.connect(url: url)
        let other = try await PostgresStateStore.connect(url: url)
        let lease = try await holder.tryLock(StateStoreConformance.request("apply"))
        let removed = try await other.unlock(id: lease.info.id, force: true)
        #expect(removed.id == lease.info.id)
        let next = try await other.lock(StateStoreConformance.request("plan"), timeout: .seconds(10))
        try await next.release()
        try? await lease.release()
        try await holder.close()
        try await other.close()
    }

    @Test func connectionErrorsHideThePassword() async throws {
        let server = try await TestPostgres.serverURL()
        guard var components = URLComponents(string: server) else { return }
        components.password = "hunter2-password"
        components.port = 1
        let url = try #require(components.string)
        do {
            _ = try await PostgresStateStore.connect(url: url)
            Issue.record("connecting to port 1 must fail")
        } catch {
            #expect(!"\(error)".contains("hunter2-password"))
            #expect((error as? StateError)?.code == .storage)
        }
    }

    @Test func canaryNeverReachesTheTables() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let store = try await PostgresStateStore.connect(url: url)
        let sealer = SecretSealer(key: .generate())
        let scope = SealScope(try await store.load())
        var record = StateStoreConformance.plain("ioIntegrations.canary")
        record.secrets = [
            "clientSecret": .sealed(
                try sealer.seal(
                    .init(StateStoreConformance.canary), address: record.address.description, field: "clientSecret",
                    scope: scope)
            )
        ]
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        try await store.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        try await lease.release()
        let dump = try await TestPostgres.query(
            url, "SELECT r::text FROM resource r UNION ALL SELECT h::text FROM resource_history h")
        #expect(!dump.isEmpty)
        #expect(!dump.contains(StateStoreConformance.canary))
        try await store.close()
    }

    @Test func readOnlyConnectCreatesNoTablesAndReadsEmpty() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let store = try await PostgresStateStore.connect(url: url, readOnly: true)
        let snapshot = try await store.read()
        #expect(snapshot.serial == 0 && snapshot.lineage == "" && snapshot.resources.isEmpty)
        #expect(try await store.workspaces().isEmpty)
        #expect(try await store.locks().isEmpty)
        #expect(try await store.history(address: nil).isEmpty)
        await #expect(throws: StateError.self) { try await store.load() }
        #expect(
            try await TestPostgres.query(
                url, "SELECT to_regclass('state') IS NULL AND to_regclass('schema_migration') IS NULL") == "t")
        try await store.close()
    }

    @Test func migrationRewritesSingularKindsAndAddresses() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let store = try await PostgresStateStore.connect(url: url)
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        var record = StateStoreConformance.plain("ioIntegrations.prod")
        record.dependencies = ["imsConfigurations.prod"]
        try await store.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        _ = try await store.openIntent(
            address: record.address, action: .create, remoteName: "aemconf-prod", lease: lease)
        try await lease.release()
        try await store.close()
        _ = try await TestPostgres.query(
            url,
            """
            UPDATE resource SET kind = 'ioIntegration', address = 'ioIntegration.prod',
                dependencies = '["imsConfiguration.prod"]';
            UPDATE resource_history SET kind = 'ioIntegration', address = 'ioIntegration.prod';
            UPDATE intent SET address = 'ioIntegration.prod';
            DELETE FROM schema_migration WHERE name = '0006-plural-resource-kinds';
            """
        )
        let migrated = try await PostgresStateStore.connect(url: url)
        #expect(try await migrated.load()[record.address] == record, "the row is back under the plural spelling")
        #expect(try await migrated.history(address: record.address).count == 1)
        #expect(try await migrated.openIntents().map(\.address) == [record.address])
        try await migrated.close()
    }
}
