import GRDB
import MyOpenIPDomain

/// A mail to queue in the outbox. `secret` is the part of the body (a link's token) that is
/// blanked out once the mail is sent.
public struct OutgoingMail: Sendable, Hashable {
    public var recipient: String
    public var subject: String
    public var body: String
    public var template: String
    public var secret: String?

    public init(recipient: String, subject: String, body: String, template: String, secret: String? = nil) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.template = template
        self.secret = secret
    }
}

/// One mail of the outbox.
public struct MailRecord: Sendable, Hashable {
    public var id: Int64
    public var accountLogin: String?
    public var recipient: String
    public var subject: String
    public var body: String
    public var template: String
    public var createdAt: Timestamp
    public var sentAt: Timestamp?

    static let columns = """
        m.id, m.recipient, m.subject, m.body, m.template, m.created_at, m.sent_at,
        (SELECT login FROM account WHERE id = m.account_id) AS account_login
        """

    init(row: Row) {
        id = row["id"]
        accountLogin = row["account_login"]
        recipient = row["recipient"]
        subject = row["subject"]
        body = row["body"]
        template = row["template"]
        createdAt = Timestamp(milliseconds: row["created_at"])
        sentAt = (row["sent_at"] as Int64?).map(Timestamp.init(milliseconds:))
    }
}

/// Queues mails inside the transaction of the change they tell of.
enum Outbox {
    @discardableResult
    static func enqueue(_ mail: OutgoingMail, accountID: Int64?, at time: Timestamp, in db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO mail_outbox (account_id, recipient, subject, body, template, secret, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [accountID, mail.recipient, mail.subject, mail.body, mail.template, mail.secret, time.milliseconds])
        return db.lastInsertedRowID
    }
}
