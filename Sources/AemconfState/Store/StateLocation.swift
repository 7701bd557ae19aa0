import Foundation

/// Where the state database is: `sqlite:PATH` (or a bare path) or a `postgres://` / `postgresql://` URL.
public enum StateLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL URL.
    case postgres(url: String)

    /// Parses a `--state` value.
    public init(parsing text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URLComponents(string: text)?.host != nil else {
                throw StateError(.invalidLocation, "state URL '\(Self.redact(text))' has no host")
            }
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw StateError(
                    .invalidLocation, "state location 'sqlite:' needs a path, e.g. 'sqlite:.aemconf/state.db'")
            }
            self = .sqlite(path: path)
        } else if text.contains("://") {
            throw StateError(
                .invalidLocation,
                "state location '\(Self.redact(text))' is not understood; use 'sqlite:PATH' or 'postgres://…'"
            )
        } else if text.isEmpty {
            throw StateError(.invalidLocation, "state location is empty; use 'sqlite:PATH' or 'postgres://…'")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location with any password and query value replaced by `(sensitive)` (see ``redact(_:)``).
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redact(url)
        }
    }
}
