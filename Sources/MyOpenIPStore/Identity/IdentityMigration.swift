import GRDB

/// Accounts, password links, sessions, terms of use, the mail outbox and the audit trail.
/// Times are integer milliseconds since the epoch (UTC); secrets are stored only as digests.
enum IdentityMigration {
    static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    login TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    email_key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('operator_staff', 'partner_user', 'client_user')),
                    company_reference TEXT,
                    state TEXT NOT NULL CHECK (state IN ('pending_password', 'active', 'disabled')),
                    password_hash TEXT,
                    password_set_at INTEGER,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL
                );
                CREATE INDEX account_by_company ON account(company_reference, id);

                CREATE TABLE password_link (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    token_digest TEXT NOT NULL UNIQUE,
                    purpose TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    used_at INTEGER,
                    voided_at INTEGER
                );
                CREATE INDEX password_link_by_account ON password_link(account_id);

                CREATE TABLE session (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    token_digest TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER NOT NULL,
                    idle_expires_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    revoked_at INTEGER,
                    revoke_reason TEXT,
                    client TEXT NOT NULL
                );
                CREATE INDEX session_by_account ON session(account_id, revoked_at);

                CREATE TABLE terms_version (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    text TEXT NOT NULL,
                    effective_at INTEGER NOT NULL,
                    published_at INTEGER NOT NULL,
                    published_by TEXT NOT NULL
                );
                CREATE INDEX terms_version_by_effective_date ON terms_version(effective_at);

                CREATE TABLE terms_acceptance (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    terms_version_id INTEGER NOT NULL REFERENCES terms_version(id),
                    accepted_at INTEGER NOT NULL,
                    PRIMARY KEY (account_id, terms_version_id)
                );

                CREATE TABLE mail_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id INTEGER REFERENCES account(id),
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    template TEXT NOT NULL,
                    secret TEXT,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT
                );
                CREATE INDEX mail_outbox_unsent ON mail_outbox(sent_at, id);
                CREATE INDEX mail_outbox_by_account ON mail_outbox(account_id, id);

                CREATE TABLE audit_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    occurred_at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    account_id INTEGER REFERENCES account(id),
                    details TEXT NOT NULL,
                    request_id TEXT
                );
                CREATE INDEX audit_event_by_account ON audit_event(account_id, id);
                CREATE INDEX audit_event_by_action ON audit_event(action, id);
                """)
    }
}

extension StoreMigration {
    /// `v2_identity`.
    public static let identity = StoreMigration(version: 2, name: "identity", migrate: IdentityMigration.v2)
}
