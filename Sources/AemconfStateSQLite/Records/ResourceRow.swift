import AemconfState
import Foundation
import GRDB

/// A row of the `resource` table (and, with `action` and authorship, of `resource_history`).
struct ResourceRow: Sendable {
    var workspace: String
    var address: String
    var columns: ResourceColumns
    var serial: Int64

    enum Columns {
        static let workspace = Column("workspace")
        static let address = Column("address")
    }

    init(workspace: String, address: String, columns: ResourceColumns, serial: Int64) {
        self.workspace = workspace
        self.address = address
        self.columns = columns
        self.serial = serial
    }

    /// Reads a row selected with `SELECT address, kind, attributes, remote_ids, secrets, dependencies,
    /// last_applied_at, last_verified_at …`.
    init(workspace: String, row: Row) {
        self.workspace = workspace
        self.address = row[0]
        self.columns = ResourceColumns(
            kind: row[1],
            attributes: row[2],
            remoteIDs: row[3],
            secrets: row[4],
            dependencies: row[5],
            lastAppliedAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
            lastVerifiedAt: (row[7] as Double?).map(Date.init(timeIntervalSince1970:))
        )
        self.serial = 0
    }

    static let selectColumns =
        "address, kind, attributes, remote_ids, secrets, dependencies, last_applied_at, last_verified_at"

    func upsert(_ db: Database) throws {
        try db.executeCached(
            sql: """
                INSERT INTO resource (workspace, address, kind, attributes, remote_ids, secrets, dependencies,
                    last_applied_at, last_verified_at, serial)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace, address) DO UPDATE SET
                    kind = excluded.kind, attributes = excluded.attributes, remote_ids = excluded.remote_ids,
                    secrets = excluded.secrets, dependencies = excluded.dependencies,
                    last_applied_at = excluded.last_applied_at, last_verified_at = excluded.last_verified_at,
                    serial = excluded.serial
                """,
            arguments: [
                workspace, address, columns.kind, columns.attributes, columns.remoteIDs, columns.secrets,
                columns.dependencies, columns.lastAppliedAt?.timeIntervalSince1970,
                columns.lastVerifiedAt?.timeIntervalSince1970, serial,
            ]
        )
    }
}
