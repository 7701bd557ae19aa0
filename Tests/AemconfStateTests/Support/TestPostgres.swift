import AemconfTestSupport
import Foundation

/// The throwaway PostgreSQL server of `scripts/test` (`AEMCONF_TEST_POSTGRES_URL`). Every test gets a database
/// of its own, created empty, so the migrations run from nothing each time.
enum TestPostgres {
    static let variable = "AEMCONF_TEST_POSTGRES_URL"

    /// The server URL; a missing variable fails the test with a clear message (never a silent pass).
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw MissingServer()
        }
        return url
    }

    /// Creates a new empty database with `psql` and returns its URL.
    static func freshDatabaseURL() async throws -> String {
        let server = try serverURL()
        guard var components = URLComponents(string: server) else { throw MissingServer() }
        let name = "aemconf_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let result = try await ChildProcess.run(
            executable: "/usr/bin/env",
            arguments: ["psql", server, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE \(name)"],
            timeout: .seconds(300)
        )
        guard result.status == 0 else {
            throw PsqlFailed(description: "psql could not create a database: \(result.standardError)")
        }
        components.path = "/\(name)"
        guard let url = components.string else { throw MissingServer() }
        return url
    }

    /// Runs one SQL statement with `psql` against `url` and returns its unaligned output.
    static func query(_ url: String, _ sql: String) async throws -> String {
        let result = try await ChildProcess.run(
            executable: "/usr/bin/env",
            arguments: ["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
            timeout: .seconds(300)
        )
        guard result.status == 0 else {
            throw PsqlFailed(description: "psql failed: \(result.standardError)")
        }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PsqlFailed: Error, CustomStringConvertible {
        var description: String
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "\(TestPostgres.variable) is not set: the PostgreSQL conformance run needs a server; run the tests "
                + "through 'scripts/test', which starts a throwaway cluster, or export "
                + "\(TestPostgres.variable)=postgres://user@host:port/db"
        }
    }
}
