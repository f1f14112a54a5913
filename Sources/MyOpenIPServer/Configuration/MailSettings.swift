import MyOpenIPDomain
import MyOpenIPSMTP

/// How the outbox's mails leave: the relay, the sender's address, the number of connections,
/// retries.
public struct MailSettings: Sendable, Hashable {
    /// Whether this daemon sends the outbox's mails (on by default, to a relay on
    /// 127.0.0.1:25). Off, mails wait in the outbox for another sender.
    public var delivery: Bool
    public var smtp: SMTPSettings
    /// The address mails come from (and the envelope's sender).
    public var from: String
    /// The name shown beside it.
    public var fromName: String
    /// Connections to the relay used at once.
    public var connections: Int
    public var retry: MailRetryPolicy
    /// How often the sender looks at the outbox when nothing rang (mails queued by another
    /// daemon sharing the database, retries falling due).
    public var pollInterval: Duration
    /// How long a claim on a mail holds: a daemon that stopped in the middle of an attempt
    /// leaves its mails to the others after this.
    public var lease: Duration
    /// This daemon's name on its claims: it settles its own interrupted attempts at start.
    public var owner: String

    public init(
        delivery: Bool = true, smtp: SMTPSettings = SMTPSettings(), from: String = "no-reply@myopenip.fr",
        fromName: String = "MyOpenIP", connections: Int = 1, retry: MailRetryPolicy = MailRetryPolicy(),
        pollInterval: Duration = .seconds(5), lease: Duration = .seconds(15 * 60), owner: String = "localhost"
    ) {
        self.delivery = delivery
        self.smtp = smtp
        self.from = from
        self.fromName = fromName
        self.connections = connections
        self.retry = retry
        self.pollInterval = pollInterval
        self.lease = lease
        self.owner = owner
    }
}
