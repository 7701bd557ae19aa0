import AemconfState
import GRDB

/// The SQLite schema, one named migration per step. A shipped migration is never edited: add a new one.
enum SQLiteMigrations {
    /// The migrator with every migration registered in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001-create-state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state (
                        workspace TEXT PRIMARY KEY NOT NULL,
                        lineage TEXT NOT NULL,
                        serial INTEGER NOT NULL CHECK (serial >= 0),
                        fingerprint_salt BLOB NOT NULL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    )
                    """
            )
        }
        migrator.registerMigration("0002-create-resource") { db in
            try db.execute(
                sql: """
                    CREATE TABLE resource (
                        workspace TEXT NOT NULL REFERENCES state(workspace) ON DELETE CASCADE,
                        address TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        attributes TEXT NOT NULL,
                        remote_ids TEXT NOT NULL,
                        secrets TEXT NOT NULL,
                        dependencies TEXT NOT NULL,
                        last_applied_at REAL,
                        last_verified_at REAL,
                        serial INTEGER NOT NULL,
                        PRIMARY KEY (workspace, address)
                    )
                    """
            )
        }
        migrator.registerMigration("0003-create-resource-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE resource_history (
                        workspace TEXT NOT NULL REFERENCES state(workspace) ON DELETE CASCADE,
                        address TEXT NOT NULL,
                        serial INTEGER NOT NULL,
                        action TEXT NOT NULL CHECK (action IN ('put', 'remove')),
                        kind TEXT,
                        attributes TEXT,
                        remote_ids TEXT,
                        secrets TEXT,
                        dependencies TEXT,
                        last_applied_at REAL,
                        last_verified_at REAL,
                        committed_at REAL NOT NULL,
                        author TEXT NOT NULL,
                        command TEXT NOT NULL,
                        PRIMARY KEY (workspace, address, serial)
                    )
                    """
            )
            try db.execute(sql: "CREATE INDEX resource_history_by_serial ON resource_history (workspace, serial)")
        }
        migrator.registerMigration("0004-create-intent") { db in
            try db.execute(
                sql: """
                    CREATE TABLE intent (
                        id TEXT PRIMARY KEY NOT NULL,
                        workspace TEXT NOT NULL REFERENCES state(workspace) ON DELETE CASCADE,
                        address TEXT NOT NULL,
                        action TEXT NOT NULL,
                        remote_name TEXT NOT NULL,
                        created_at REAL NOT NULL
                    )
                    """
            )
            try db.execute(sql: "CREATE INDEX intent_by_workspace ON intent (workspace, created_at)")
        }
        migrator.registerMigration("0005-create-state-lock") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state_lock (
                        workspace TEXT PRIMARY KEY NOT NULL REFERENCES state(workspace) ON DELETE CASCADE,
                        id TEXT NOT NULL UNIQUE,
                        operation TEXT NOT NULL,
                        user TEXT NOT NULL,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        ci_run TEXT,
                        created_at REAL NOT NULL,
                        heartbeat_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    )
                    """
            )
        }
        migrator.registerMigration("0006-plural-resource-kinds") { db in
            for statement in PluralResourceKinds.statements {
                try db.execute(sql: statement)
            }
        }
        return migrator
    }
}
