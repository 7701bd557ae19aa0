import GRDB
import GRDBSQLite
import Testing

@testable import AemconfStateSQLite

/// The cached-statement transaction and savepoint behave as GRDB's `inTransaction(.immediate)` and `inSavepoint`:
/// the same rows survive the same failures, and each statement is compiled once however often it runs.
@Suite("SQLite cached transactions")
struct SQLiteCachedTransactionTests {
    private enum Planned: Error { case failure }

    /// Runs one scenario with either implementation and returns the rows left and whether the transaction threw.
    private func run(cached: Bool, failSavepoint: Bool, failTransaction: Bool) throws -> (rows: [String], threw: Bool) {
        let queue = try DatabaseQueue()
        try queue.write { try $0.execute(sql: "CREATE TABLE t (name TEXT PRIMARY KEY)") }
        var threw = false
        try queue.writeWithoutTransaction { db in
            func insert(_ name: String) throws {
                try db.executeCached(sql: "INSERT INTO t VALUES (?)", arguments: [name])
            }
            func savepoint(_ body: () throws -> Void) throws {
                if cached {
                    try db.inCachedSavepoint(body)
                } else {
                    try db.inSavepoint {
                        try body()
                        return .commit
                    }
                }
            }
            let transaction = {
                try insert("before")
                try? savepoint {
                    try insert("inside")
                    if failSavepoint { throw Planned.failure }
                }
                // A duplicate key fails inside SQLite, after a statement of the savepoint changed nothing.
                try? savepoint {
                    try insert("second")
                    try insert("before")
                }
                try insert("after")
                if failTransaction { throw Planned.failure }
            }
            do {
                if cached {
                    try db.inCachedImmediateTransaction(transaction)
                } else {
                    try db.inTransaction(.immediate) {
                        try transaction()
                        return .commit
                    }
                }
            } catch Planned.failure {
                threw = true
            }
            #expect(!db.isInsideTransaction, "no transaction is left open")
        }
        let rows = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM t ORDER BY name") }
        return (rows, threw)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func theSameRowsSurviveAsWithGRDBsOwnTransactions(failSavepoint: Bool, failTransaction: Bool) throws {
        let cached = try run(cached: true, failSavepoint: failSavepoint, failTransaction: failTransaction)
        let grdb = try run(cached: false, failSavepoint: failSavepoint, failTransaction: failTransaction)
        #expect(cached.rows == grdb.rows)
        #expect(cached.threw == grdb.threw)
        #expect(cached.threw == failTransaction)
        if !failTransaction {
            #expect(cached.rows == (failSavepoint ? ["after", "before"] : ["after", "before", "inside"]))
        } else {
            #expect(cached.rows.isEmpty)
        }
    }

    @Test func theControlStatementsStayCompiledInTheConnection() throws {
        let queue = try DatabaseQueue()
        try queue.write { try $0.execute(sql: "CREATE TABLE t (n INTEGER)") }
        let prepared = try queue.writeWithoutTransaction { db in
            for n in 0..<3 {
                try db.inCachedImmediateTransaction {
                    try db.inCachedSavepoint { try db.executeCached(sql: "INSERT INTO t VALUES (?)", arguments: [n]) }
                }
            }
            // `execute(sql:)` finalizes its statement after running it; a cached one stays prepared.
            var texts: [String] = []
            var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
            while let current = statement {
                texts.append(String(cString: sqlite3_sql(current)))
                statement = sqlite3_next_stmt(db.sqliteConnection, current)
            }
            return Set(texts)
        }
        #expect(
            prepared.isSuperset(of: [
                "BEGIN IMMEDIATE TRANSACTION", "COMMIT TRANSACTION", "SAVEPOINT aemconf_write",
                "RELEASE SAVEPOINT aemconf_write",
            ]), "\(prepared)")
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 3)
    }
}
