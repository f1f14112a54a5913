/// Where a mail of the outbox stands.
///
/// `queued` → `sending` → `sent`; a temporary failure (a 4xx answer, a lost connection) makes it
/// `retrying` until its next attempt or its give-up age; a permanent one (5xx) makes it `failed`
/// at once. Operator staff may cancel a mail that waits and retry one that failed or waits.
public enum MailDeliveryState: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its first attempt.
    case queued
    /// Claimed by a daemon that is talking to the mail server.
    case sending
    /// A temporary failure: it waits for its next attempt.
    case retrying
    /// The mail server accepted it.
    case sent
    /// A permanent failure, or too old to try again: it will not be sent unless retried by hand.
    case failed
    /// Cancelled by operator staff before it was sent.
    case cancelled

    /// What the portal's staff read.
    public var label: String {
        switch self {
        case .queued: "En attente"
        case .sending: "En cours d'envoi"
        case .retrying: "Nouvel essai prévu"
        case .sent: "Envoyé"
        case .failed: "Échec"
        case .cancelled: "Annulé"
        }
    }

    /// Whether the mail is done with, one way or another.
    public var isFinal: Bool { self == .sent || self == .failed || self == .cancelled }

    /// Whether the sender may pick it up (when its next attempt is due).
    public var isWaiting: Bool { self == .queued || self == .retrying }
}
