import Foundation
import MyOpenIPDomain

/// A mail claimed by a sender for one attempt.
public struct MailToSend: Sendable, Hashable {
    public var id: Int64
    public var recipient: String
    public var subject: String
    public var body: String
    public var messageID: String
    public var queuedAt: Timestamp
    /// This attempt's number (1 for the first).
    public var attempt: Int
    public var attachments: [MailAttachment]
}

/// One attempt to hand a mail to the mail server, as kept on the mail.
public struct MailAttemptRecord: Sendable, Hashable {
    public var number: Int
    /// The daemon that made it.
    public var owner: String
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    /// `delivered`, `deferred`, `refused`, `interrupted`; nil while it runs.
    public var outcome: String?
    /// The mail server's reply code, when it gave one.
    public var replyCode: Int?
    /// The server's reply, or what went wrong (connection lost, timeout).
    public var reply: String?
}

/// What a start found of the attempts a stop cut short.
public struct InterruptedDeliveries: Sendable, Hashable {
    /// Interrupted before the end of the data: tried again at once.
    public var retried: Int
    /// Interrupted after the end of the data: the server may have the mail; failed, not sent
    /// again unless operator staff retry it.
    public var uncertain: Int

    public init(retried: Int, uncertain: Int) {
        self.retried = retried
        self.uncertain = uncertain
    }
}

/// The outbox as the mail sender uses it: claims with a lease, outcomes, recovery after a stop,
/// and operator staff's retry and cancel.
public protocol MailDeliveryRepository: Sendable {
    /// Claims up to `limit` waiting mails whose attempt is due at `now`, oldest due first, for
    /// `owner` until `leaseUntil`; each one's attempt is recorded as started.
    func claimDue(owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws -> [MailToSend]
    /// Gives back mails claimed by `owner` and not tried (their session ended first): they are
    /// due again at once, as if never claimed.
    func release(_ mails: [MailToSend], owner: String, at now: Timestamp) async throws
    /// Records, durably, that the attempt is about to send the end of the mail's data.
    func handOver(_ mail: MailToSend, owner: String, at now: Timestamp) async throws
    /// Records how the attempt ended and what becomes of the mail. Does nothing when the attempt
    /// no longer holds its claim (its lease expired and another sender took the mail).
    /// Returns whether the mail's link secret was blanked out: the database's log still holds the
    /// text that had it until ``eraseBlankedSecrets()``.
    @discardableResult
    func finish(
        _ mail: MailToSend, owner: String, outcome: MailAttemptOutcome, decision: MailDecision, context: AuditContext,
        at now: Timestamp
    ) async throws -> Bool
    /// Empties the database's log into the database, so that the secrets blanked out of sent mails
    /// are no longer in any file. A sender calls it once after a run of mails, not after each.
    func eraseBlankedSecrets() async
    /// Settles the attempts of `owner` (a previous run of this daemon; nil for none) and those
    /// whose lease expired (another daemon that stopped).
    func recoverInterrupted(owner: String?, context: AuditContext, at now: Timestamp) async throws -> InterruptedDeliveries
    /// When the earliest waiting mail is due, if one waits.
    func nextDue() async throws -> Timestamp?
    /// The attempts made for mail `id`, first first.
    func attempts(of id: Int64) async throws -> [MailAttemptRecord]
    /// Operator staff: a failed or retrying mail is due again now. nil for an unknown id.
    func retry(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord?
    /// Operator staff: a waiting mail is cancelled. nil for an unknown id.
    func cancel(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord?
}

/// A retry or cancel that the mail's state forbids.
public struct MailStateConflict: Error, Sendable, Hashable {
    public var state: MailDeliveryState

    public init(state: MailDeliveryState) {
        self.state = state
    }
}
