import GRDB

/// Transactions and savepoints whose control statements come from the connection's statement cache.
///
/// GRDB's `inTransaction` and `inSavepoint` run `BEGIN`, `COMMIT`, `SAVEPOINT` and `RELEASE` through
/// `execute(sql:)`, which parses and compiles each one anew (SQLite's parser, GRDB's authorizer and statement
/// cursor) on every call: with the journal's group commit that is four to six compilations per batch plus two per
/// write, more CPU than the writes' own cached statements. These run the same statements, compiled once per
/// connection, with GRDB's rules for errors: a failure rolls back (the transaction, or the savepoint alone) and the
/// first error is the one thrown.
extension Database {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when `body` returns, rolled back when it or the
    /// commit throws.
    func inCachedImmediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try executeCached(sql: "BEGIN IMMEDIATE TRANSACTION")
        do {
            let result = try body()
            try executeCached(sql: "COMMIT TRANSACTION")
            return result
        } catch {
            // SQLite may already have rolled back (a full disk, an I/O error); then there is nothing left to undo.
            if isInsideTransaction { try? rollback() }
            throw error
        }
    }

    /// Runs `body` in a savepoint of the open transaction: released when `body` returns, rolled back alone (the
    /// rest of the transaction stays) when it throws.
    func inCachedSavepoint<T>(_ body: () throws -> T) throws -> T {
        try executeCached(sql: "SAVEPOINT aemconf_write")
        let result: T
        do {
            result = try body()
        } catch {
            if isInsideTransaction {
                try? executeCached(sql: "ROLLBACK TRANSACTION TO SAVEPOINT aemconf_write")
                try? executeCached(sql: "RELEASE SAVEPOINT aemconf_write")
            }
            throw error
        }
        try executeCached(sql: "RELEASE SAVEPOINT aemconf_write")
        return result
    }
}
