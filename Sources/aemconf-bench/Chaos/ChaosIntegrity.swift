import Foundation
import GRDB

/// `PRAGMA integrity_check` of a SQLite state database, through GRDB.
enum ChaosIntegrity {
    /// `nil` when the database is intact or absent (an apply killed before it created one); otherwise what
    /// SQLite reported.
    static func problem(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            let rows = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            return rows == ["ok"] ? nil : rows.joined(separator: "; ")
        } catch {
            return "cannot be opened: \(error)"
        }
    }
}
