import AemconfTestSupport
import Foundation
import GRDB
import Testing

@testable import AemconfStateSQLite

/// Every commit is synced to disk before it returns: the state database runs WAL with `synchronous = FULL`, not the
/// `NORMAL` that GRDB sets for WAL databases (which syncs only at checkpoints, so a machine crash could take back
/// commits whose remote objects exist).
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
}
