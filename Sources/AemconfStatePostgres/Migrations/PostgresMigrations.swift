import AemconfState

/// The PostgreSQL schema, one named migration per step. A shipped migration is never edited: add a new one.
enum PostgresMigrations {
    /// A named migration: statements run in one transaction.
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    /// Every migration in order.
    static let all: [Migration] = [
        Migration(
            name: "0001-create-state",
            statements: [
                """
                CREATE TABLE state (
                    workspace TEXT PRIMARY KEY,
                    lineage TEXT NOT NULL,
                    serial BIGINT NOT NULL CHECK (serial >= 0),
                    fingerprint_salt BYTEA NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                )
                """
            ]
        ),
        Migration(
            name: "0002-create-resource",
            statements: [
                """
                CREATE TABLE resource (
                    workspace TEXT NOT NULL REFERENCES state (workspace) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    attributes TEXT NOT NULL,
                    remote_ids TEXT NOT NULL,
                    secrets TEXT NOT NULL,
                    dependencies TEXT NOT NULL,
                    last_applied_at TIMESTAMPTZ,
                    last_verified_at TIMESTAMPTZ,
                    serial BIGINT NOT NULL,
                    PRIMARY KEY (workspace, address)
                )
                """
            ]
        ),
        Migration(
            name: "0003-create-resource-history",
            statements: [
                """
                CREATE TABLE resource_history (
                    workspace TEXT NOT NULL REFERENCES state (workspace) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    serial BIGINT NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('put', 'remove')),
                    kind TEXT,
                    attributes TEXT,
                    remote_ids TEXT,
                    secrets TEXT,
                    dependencies TEXT,
                    last_applied_at TIMESTAMPTZ,
                    last_verified_at TIMESTAMPTZ,
                    committed_at TIMESTAMPTZ NOT NULL,
                    author TEXT NOT NULL,
                    command TEXT NOT NULL,
                    PRIMARY KEY (workspace, address, serial)
                )
                """,
                "CREATE INDEX resource_history_by_serial ON resource_history (workspace, serial)",
            ]
        ),
        Migration(
            name: "0004-create-intent",
            statements: [
                """
                CREATE TABLE intent (
                    id TEXT PRIMARY KEY,
                    workspace TEXT NOT NULL REFERENCES state (workspace) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    action TEXT NOT NULL,
                    remote_name TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX intent_by_workspace ON intent (workspace, created_at)",
            ]
        ),
        Migration(
            name: "0005-create-state-lock",
            statements: [
                """
                CREATE TABLE state_lock (
                    workspace TEXT PRIMARY KEY REFERENCES state (workspace) ON DELETE CASCADE,
                    id TEXT NOT NULL UNIQUE,
                    operation TEXT NOT NULL,
                    "user" TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    ci_run TEXT,
                    created_at TIMESTAMPTZ NOT NULL,
                    backend_pid INTEGER NOT NULL
                )
                """
            ]
        ),
        Migration(name: "0006-plural-resource-kinds", statements: PluralResourceKinds.statements),
    ]
}
