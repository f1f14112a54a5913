import GRDB
import MyOpenIPDomain

/// A row of `mail_outbox`: a mail queued in the transaction of the change it tells of.
struct MailOutboxRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "mail_outbox"

    var id: Int64?
    var accountID: Int64?
    var recipient: String
    var subject: String
    var body: String
    var template: String
    /// The secret the body carries (a link's token) while the mail waits; blanked once sent.
    var secret: String?
    var createdAt: Int64
    var sentAt: Int64?
    var attempts: Int
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, recipient, subject, body, template, secret, attempts
        case accountID = "account_id"
        case createdAt = "created_at"
        case sentAt = "sent_at"
        case lastError = "last_error"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountID = Column(CodingKeys.accountID)
        static let sentAt = Column(CodingKeys.sentAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ mail: OutgoingMail, accountID: Int64?, at now: Timestamp) {
        self.accountID = accountID
        recipient = mail.recipient
        subject = mail.subject
        body = mail.body
        template = mail.template
        secret = mail.secret
        createdAt = now.milliseconds
        attempts = 0
    }

    var record: MailRecord {
        MailRecord(
            id: id ?? 0, accountLogin: accountID.flatMap(AccountLogin.init(sequence:))?.description, recipient: recipient,
            subject: subject, body: body, template: template, createdAt: Timestamp(milliseconds: createdAt),
            sentAt: sentAt.map(Timestamp.init(milliseconds:)))
    }
}
