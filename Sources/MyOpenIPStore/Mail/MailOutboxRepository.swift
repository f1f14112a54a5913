import GRDB
import MyOpenIPDomain

/// Which mails a list returns.
public struct MailFilter: Sendable, Hashable {
    public var accountLogin: AccountLogin?
    public var unsentOnly: Bool

    public init(accountLogin: AccountLogin? = nil, unsentOnly: Bool = false) {
        self.accountLogin = accountLogin
        self.unsentOnly = unsentOnly
    }
}

/// The durable outbox of mails. Mails are queued by the repositories of the changes they tell
/// of, in the same transaction; a sender reads the unsent ones and marks each one sent.
public protocol MailOutboxRepository: Sendable {
    /// Mails, newest first.
    func mails(_ filter: MailFilter, page: PageRequest) async throws -> Page<MailRecord>
    func mail(id: Int64) async throws -> MailRecord?
    /// Marks a mail sent and blanks the secret out of its text; nil for an unknown id.
    /// Marking a sent mail again changes nothing.
    func markSent(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord?
}

/// ``MailOutboxRepository`` on the daemon's SQLite database.
public struct SQLiteMailOutboxRepository: MailOutboxRepository {
    /// What replaces a link's token in the text of a sent mail.
    public static let blankedSecret = "[lien envoyé]"

    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func mails(_ filter: MailFilter, page: PageRequest) async throws -> Page<MailRecord> {
        var conditions = ["m.id < ?"]
        var arguments: [DatabaseValue] = [(page.cursor ?? Int64.max).databaseValue]
        if let login = filter.accountLogin {
            conditions.append("m.account_id = (SELECT id FROM account WHERE login = ?)")
            arguments.append(login.description.databaseValue)
        }
        if filter.unsentOnly { conditions.append("m.sent_at IS NULL") }
        arguments.append((page.limit + 1).databaseValue)
        let sql = "SELECT \(MailRecord.columns) FROM mail_outbox m WHERE \(conditions.joined(separator: " AND ")) ORDER BY m.id DESC LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        return try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(MailRecord.init(row:))
            return Page(fetched: rows, limit: page.limit, id: \.id)
        }
    }

    public func mail(id: Int64) async throws -> MailRecord? {
        try await writer.read { db in
            try Self.mail(id: id, in: db)
        }
    }

    public func markSent(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT account_id, secret, sent_at FROM mail_outbox WHERE id = ?", arguments: [id])
            else { return nil }
            if (row["sent_at"] as Int64?) == nil {
                let secret: String? = row["secret"]
                try db.execute(
                    sql: """
                        UPDATE mail_outbox
                        SET sent_at = ?, attempts = attempts + 1, secret = NULL,
                            body = CASE WHEN ? IS NULL THEN body ELSE replace(body, ?, ?) END
                        WHERE id = ?
                        """,
                    arguments: [now.milliseconds, secret, secret, Self.blankedSecret, id])
                try AuditTrail.append(
                    .mailSent, accountID: row["account_id"], details: ["mail": String(id)], context: context, at: now, in: db)
            }
            return try Self.mail(id: id, in: db)
        }
    }

    private static func mail(id: Int64, in db: Database) throws -> MailRecord? {
        try Row.fetchOne(db, sql: "SELECT \(MailRecord.columns) FROM mail_outbox m WHERE m.id = ?", arguments: [id])
            .map(MailRecord.init(row:))
    }
}
