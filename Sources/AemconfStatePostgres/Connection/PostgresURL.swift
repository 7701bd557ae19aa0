import AemconfModel
import AemconfState
import Foundation
import PostgresNIO

/// A `postgres://user@host:port/database?sslmode=…` URL turned into a connection configuration.
///
/// TLS follows `sslmode`, which defaults to `verify-full`: `verify-full` and `require` verify the certificate and
/// the host name, `verify-ca` the certificate only. Plain text needs `sslmode=disable` written in the URL (and a
/// non-loopback host then gets a warning); `prefer` and `allow`, which fall back to plain text whenever a
/// man in the middle says so, are refused.
///
/// The password is best kept out of the URL (a URL given with `--state` is visible in `ps`): without one, it is
/// taken from `PGPASSWORD`, then from the password file (`PGPASSFILE`, default `~/.pgpass`), as libpq does.
struct PostgresURL: Sendable {
    let configuration: PostgresConnection.Configuration
    /// The URL with its user-info password and query values masked.
    let redacted: String
    /// Things worth a warning (plain text to a remote host).
    let warnings: [String]

    init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        redacted = StateLocation.redact(text)
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw StateError(
                .invalidLocation,
                "state URL '\(redacted)' is not a postgres:// URL (percent-encode special characters, or leave the "
                    + "password out of the URL and set PGPASSWORD or use ~/.pgpass)"
            )
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        var warnings: [String] = []
        let tls: PostgresConnection.Configuration.TLS
        switch query["sslmode"] ?? "verify-full" {
        case "require", "verify-full":
            tls = .require(try Self.tlsContext(verification: .fullVerification, redacted: redacted))
        case "verify-ca":
            tls = .require(try Self.tlsContext(verification: .noHostnameVerification, redacted: redacted))
        case "disable":
            tls = .disable
            if !LoopbackHost.contains(host) {
                warnings.append(
                    "state URL '\(redacted)' has sslmode=disable: the state and the database password cross the "
                        + "network to '\(host)' in clear text"
                )
            }
        case "prefer", "allow":
            throw StateError(
                .invalidLocation,
                "sslmode '\(query["sslmode"] ?? "")' in '\(redacted)' falls back to clear text when an attacker "
                    + "asks; use 'verify-full' (the default), or 'disable' to mean clear text"
            )
        case let other:
            throw StateError(.invalidLocation, "unknown sslmode '\(other)' in '\(redacted)'")
        }
        let port = components.port ?? 5432
        let username = components.user?.removingPercentEncoding ?? "postgres"
        let databaseName = database.isEmpty ? nil : database
        var password = components.password?.removingPercentEncoding
        if password == nil, let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty {
            password = fromEnvironment
        }
        if password == nil {
            password = PostgresPasswordFile.password(
                host: host,
                port: port,
                database: databaseName ?? username,
                username: username,
                environment: environment
            )
        }
        self.warnings = warnings
        configuration = PostgresConnection.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: databaseName,
            tls: tls
        )
    }

    private static func tlsContext(verification: CertificateVerification, redacted: String) throws -> NIOSSLContext {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.certificateVerification = verification
        do {
            return try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw StateError(.invalidLocation, "cannot set up TLS for '\(redacted)'")
        }
    }
}
