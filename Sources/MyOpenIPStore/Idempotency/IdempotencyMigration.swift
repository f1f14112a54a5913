import GRDB

/// The answers kept for writes retried with an idempotency key.
enum IdempotencyMigration {
    static func v7(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE idempotency_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    caller TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    method TEXT NOT NULL,
                    request_digest BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    committed_at INTEGER,
                    completed_at INTEGER,
                    status_code INTEGER,
                    message TEXT,
                    reason TEXT,
                    field TEXT,
                    metadata TEXT,
                    payload BLOB
                );
                CREATE UNIQUE INDEX idempotency_record_by_key ON idempotency_record(caller, idempotency_key);
                CREATE INDEX idempotency_record_by_age ON idempotency_record(created_at);
                """)
    }

    /// The key's unique index goes: it put each keyed write's record on a random leaf, one more
    /// page to write and sync per keyed write of a commit. Records are found through
    /// ``IdempotencyKeyIndex`` in memory; the age index stays for the purge.
    static func v17(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX idempotency_record_by_key")
    }
}

extension StoreMigration {
    /// `v7_idempotency`.
    public static let idempotency = StoreMigration(version: 7, name: "idempotency", migrate: IdempotencyMigration.v7)
    /// `v17_idempotency_keys_in_memory`.
    public static let idempotencyKeysInMemory = StoreMigration(
        version: 17, name: "idempotency_keys_in_memory", migrate: IdempotencyMigration.v17)
}
