import GRDB

/// Statements from the connection's statement cache: compiled (and passed through GRDB's authorizer) once per
/// connection instead of on every call. Every commit runs the same handful of statements, so an apply of 3,000
/// stacks compiled them tens of thousands of times.
extension Database {
    /// Executes one cached statement.
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    /// The first row of one cached statement.
    static func fetchOneCached(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments())
        throws -> Row?
    {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    /// The first value of one cached statement.
    static func fetchOneCached(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments())
        throws -> Self?
    {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
