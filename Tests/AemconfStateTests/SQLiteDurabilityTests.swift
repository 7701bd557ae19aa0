import AemconfModel
import AemconfState
import AemconfTestSupport
import Foundation
import GRDB
import Testing

@testable import AemconfStateSQLite

/// The state database runs WAL with `synchronous = FULL`, not the `NORMAL` that GRDB sets for WAL databases (which
/// syncs only at checkpoints, so a machine crash could take back intents whose remote objects exist); only a resource
/// commit leaves its sync to the next synced write (an intent, the lock's release).
@Suite("SQLite durability")
struct SQLiteDurabilityTests {
    @Test func theStateDatabaseSyncsEveryCommit() throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite-sync")
        defer { directory.remove() }
        let path = directory.path("state.db")
        try SQLiteStateStore.prepareFile(path)
        let queue = try SQLiteStateStore.openQueue(path, configuration: .init())
        defer { try? queue.close() }
        let (mode, journal) = try queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(journal == "wal")
        #expect(mode == 2, "synchronous is FULL (2), not NORMAL (1)")
    }

    @Test func intentsAndTheLocksReleaseAreSyncedAndResourceCommitsWaitForThem() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite-sync")
        defer { directory.remove() }
        let store = try SQLiteStateStore(path: directory.path("state.db"))
        let queue = try #require(try store.connection.existingQueue())
        func mode() throws -> Int? { try queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } }

        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        #expect(try mode() == 2, "taking the lock is synced")
        let intent = try await store.openIntent(
            address: StateStoreConformance.address("ioIntegrations.one"), action: .create, remoteName: "one",
            lease: lease)
        #expect(try mode() == 2, "an intent is synced before the remote call it announces")
        try await store.commit(
            .put(StateStoreConformance.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease,
            context: StateStoreConformance.context, clearingIntent: intent.id)
        #expect(try mode() == 1, "a resource commit is synced by the next synced write")
        try await lease.release()
        #expect(try mode() == 2, "releasing the lock syncs every commit before it")
        #expect(try await store.load().serial == 1)
    }
}
