import GRDB

/// Failed logins of identifiers that match no account, counted and locked as an account's would
/// be, so that the lockout does not tell which accounts exist.
enum LoginDecoyMigration {
    static func v9(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE login_decoy (
                    identifier_key TEXT PRIMARY KEY,
                    failed_logins INTEGER NOT NULL,
                    locked_until INTEGER,
                    last_failure_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX login_decoy_by_last_failure ON login_decoy(last_failure_at);
                """)
    }
}

extension StoreMigration {
    /// `v9_login_decoys`.
    public static let loginDecoys = StoreMigration(version: 9, name: "login_decoys", migrate: LoginDecoyMigration.v9)
}
