import AemconfState
import Foundation
import Logging
import PostgresNIO

/// One PostgreSQL connection used by one caller at a time (transactions must not interleave on a connection).
final class PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let url: PostgresURL
    private let gate = Gate()

    init(connection: PostgresConnection, url: PostgresURL, logger: Logger) {
        self.connection = connection
        self.url = url
        self.logger = logger
    }

    /// Connects to `url`.
    static func connect(_ url: PostgresURL, logger: Logger) async throws -> PostgresSession {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: url.configuration,
                id: Int.random(in: 1...Int(Int32.max)),
                logger: logger
            )
            return PostgresSession(connection: connection, url: url, logger: logger)
        } catch {
            throw PostgresErrors.map("connecting to '\(url.redacted)'", error)
        }
    }

    /// Runs `body` alone on the connection, outside a transaction.
    func exclusive<T: Sendable>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws
        -> T
    {
        await gate.acquire()
        do {
            let result = try await body(connection)
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw PostgresErrors.map(operation, error)
        }
    }

    /// Runs `body` in one transaction, rolled back when it throws.
    func transaction<T: Sendable>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws
        -> T
    {
        try await exclusive(operation) { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    func close() async {
        try? await connection.close()
    }

    /// A first-come, first-served async mutex.
    private actor Gate {
        private var busy = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if !busy {
                busy = true
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty {
                busy = false
            } else {
                waiters.removeFirst().resume()
            }
        }
    }
}

/// Turns PostgreSQL errors into ``StateError``s without statement arguments.
enum PostgresErrors {
    static func map(_ operation: String, _ error: any Error) -> any Error {
        if let error = error as? StateError { return error }
        if error is CancellationError { return error }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? "?"
                let message = info[.message] ?? "unknown"
                return StateError.storage(operation, "postgres error \(state): \(message)")
            }
            return StateError.storage(operation, "postgres \(error.code.description)")
        }
        return StateError.storage(operation, String(describing: type(of: error)))
    }
}
