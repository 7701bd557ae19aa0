import AemconfState
import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL turned into a connection configuration.
///
/// TLS follows `sslmode`: `require`, `verify-ca` and `verify-full` require TLS with certificate verification,
/// `prefer` uses TLS when the server offers it, anything else (or no `sslmode`) connects in plain text.
struct PostgresURL: Sendable {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password.
    let redacted: String

    init(_ text: String) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw StateError(.invalidLocation, "state URL '\(StateLocation.redact(text))' is not a postgres:// URL")
        }
        redacted = StateLocation.redact(text)
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        let tls: PostgresConnection.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "require", "verify-ca", "verify-full":
            do {
                tls = .require(try .init(configuration: .makeClientConfiguration()))
            } catch {
                throw StateError(.invalidLocation, "cannot set up TLS for '\(redacted)'")
            }
        case "prefer":
            do {
                tls = .prefer(try .init(configuration: .makeClientConfiguration()))
            } catch {
                throw StateError(.invalidLocation, "cannot set up TLS for '\(redacted)'")
            }
        case "disable", "allow":
            tls = .disable
        case let other:
            throw StateError(.invalidLocation, "unknown sslmode '\(other)' in '\(redacted)'")
        }
        configuration = PostgresConnection.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
    }
}
