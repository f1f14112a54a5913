import Foundation
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
    /// The Message-ID every attempt sends (without angle brackets): see ``MessageID``.
    public var messageID: String
    public var attachments: [MailAttachment]

    public init(
        recipient: String, subject: String, body: String, template: String, secret: String? = nil, messageID: String,
        attachments: [MailAttachment] = []
    ) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.template = template
        self.secret = secret
        self.messageID = messageID
        self.attachments = attachments
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
    public var state: MailDeliveryState
    public var messageID: String
    /// Attempts made so far.
    public var attempts: Int
    /// Why the last attempt failed, or why the mail was given up.
    public var lastError: String?
    /// When the next attempt is due (waiting states).
    public var nextAttemptAt: Timestamp?
    /// When it reached its final state.
    public var endedAt: Timestamp?
}

/// Queues mails inside the transaction of the change they tell of.
enum Outbox {
    @discardableResult
    static func enqueue(_ mail: OutgoingMail, accountID: Int64?, at time: Timestamp, in db: Database) throws -> Int64 {
        var row = MailOutboxRow(mail, accountID: accountID, at: time)
        try row.insert(db)
        let id = row.id!
        for attachment in mail.attachments {
            try db.execute(
                sql: "INSERT INTO mail_attachment (mail_id, filename, content_type, data) VALUES (?, ?, ?, ?)",
                arguments: [id, attachment.filename, attachment.contentType, Data(attachment.data)])
        }
        db.afterNextTransaction { _ in OutboxBell.shared.ring() }
        return id
    }
}
