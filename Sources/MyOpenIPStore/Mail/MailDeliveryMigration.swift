import GRDB

/// The outbox's delivery over SMTP: each mail's state and next attempt, the lease of the daemon
/// sending it, its Message-ID, its attempts, and its attachments.
enum MailDeliveryMigration {
    static func v10(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE mail_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued';
                ALTER TABLE mail_outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
                ALTER TABLE mail_outbox ADD COLUMN next_attempt_at INTEGER;
                ALTER TABLE mail_outbox ADD COLUMN lease_owner TEXT;
                ALTER TABLE mail_outbox ADD COLUMN lease_until INTEGER;
                ALTER TABLE mail_outbox ADD COLUMN handed_over_at INTEGER;
                ALTER TABLE mail_outbox ADD COLUMN ended_at INTEGER;
                UPDATE mail_outbox SET state = 'sent', ended_at = sent_at WHERE sent_at IS NOT NULL;
                UPDATE mail_outbox SET next_attempt_at = created_at WHERE sent_at IS NULL;
                UPDATE mail_outbox SET message_id = 'mail-' || id || '.' || created_at || '@myopenip';
                CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
                CREATE INDEX mail_outbox_by_state ON mail_outbox(state, id);

                CREATE TABLE mail_attempt (
                    id INTEGER PRIMARY KEY,
                    mail_id INTEGER NOT NULL REFERENCES mail_outbox(id),
                    number INTEGER NOT NULL,
                    owner TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    ended_at INTEGER,
                    outcome TEXT,
                    reply_code INTEGER,
                    reply TEXT,
                    UNIQUE (mail_id, number)
                );

                CREATE TABLE mail_attachment (
                    id INTEGER PRIMARY KEY,
                    mail_id INTEGER NOT NULL REFERENCES mail_outbox(id),
                    filename TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE INDEX mail_attachment_by_mail ON mail_attachment(mail_id, id);
                """)
    }
}

extension StoreMigration {
    /// `v10_mail_delivery`.
    public static let mailDelivery = StoreMigration(version: 10, name: "mail_delivery", migrate: MailDeliveryMigration.v10)
}
