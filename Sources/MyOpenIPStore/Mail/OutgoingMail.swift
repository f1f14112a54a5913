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
}

/// Queues mails inside the transaction of the change they tell of.
enum Outbox {
    @discardableResult
    static func enqueue(_ mail: OutgoingMail, accountID: Int64?, at time: Timestamp, in db: Database) throws -> Int64 {
        var row = MailOutboxRow(mail, accountID: accountID, at: time)
        try row.insert(db)
        return row.id!
    }
}
