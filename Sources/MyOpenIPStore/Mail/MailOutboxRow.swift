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
    var state: String
    /// Fixed when the mail is queued: every attempt sends the same Message-ID.
    var messageID: String
    /// When the sender may pick the mail up (waiting states only).
    var nextAttemptAt: Int64?
    /// The daemon sending it, and until when its claim holds (state `sending`).
    var leaseOwner: String?
    var leaseUntil: Int64?
    /// When the current attempt sent the end of the data: from then on the server may have the
    /// mail, and an interrupted attempt is not repeated by itself.
    var handedOverAt: Int64?
    /// When it reached a final state.
    var endedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, recipient, subject, body, template, secret, attempts
        case accountID = "account_id"
        case createdAt = "created_at"
        case sentAt = "sent_at"
        case lastError = "last_error"
        case state
        case messageID = "message_id"
        case nextAttemptAt = "next_attempt_at"
        case leaseOwner = "lease_owner"
        case leaseUntil = "lease_until"
        case handedOverAt = "handed_over_at"
        case endedAt = "ended_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountID = Column(CodingKeys.accountID)
        static let sentAt = Column(CodingKeys.sentAt)
        static let state = Column(CodingKeys.state)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
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
        state = MailDeliveryState.queued.rawValue
        messageID = mail.messageID
        nextAttemptAt = now.milliseconds
    }

    var deliveryState: MailDeliveryState { MailDeliveryState(rawValue: state) ?? .failed }

    /// Replaces the secret in the text of a mail that will not be sent again; returns whether
    /// there was one (the database's log still holds the former text until it is emptied).
    mutating func blankSecret() -> Bool {
        guard let secret else { return false }
        body = body.replacingOccurrences(of: secret, with: SQLiteMailOutboxRepository.blankedSecret)
        self.secret = nil
        return true
    }

    var record: MailRecord {
        MailRecord(
            id: id ?? 0, accountLogin: accountID.flatMap(AccountLogin.init(sequence:))?.description, recipient: recipient,
            subject: subject, body: body, template: template, createdAt: Timestamp(milliseconds: createdAt),
            sentAt: sentAt.map(Timestamp.init(milliseconds:)), state: deliveryState, messageID: messageID,
            attempts: attempts, lastError: lastError, nextAttemptAt: nextAttemptAt.map(Timestamp.init(milliseconds:)),
            endedAt: endedAt.map(Timestamp.init(milliseconds:)))
    }
}
