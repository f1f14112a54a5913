/// When a mail that could not be delivered is tried again, and when it is given up (RFC 5321
/// §4.5.4.1: retry with growing delays, give up after at least 4–5 days).
public struct MailRetryPolicy: Sendable, Hashable {
    /// The delay after the first failed attempt.
    public var firstDelay: Duration
    /// The longest delay between two attempts; delays double until they reach it.
    public var maximumDelay: Duration
    /// How long after it was queued a mail is still tried.
    public var giveUpAfter: Duration

    public init(
        firstDelay: Duration = .seconds(5 * 60), maximumDelay: Duration = .seconds(60 * 60),
        giveUpAfter: Duration = .seconds(4 * 24 * 3600)
    ) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The delay after the `attempt`-th failed attempt (1 for the first): doubling from
    /// ``firstDelay``, at most ``maximumDelay``.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = firstDelay
        for _ in 1..<max(attempt, 1) where delay < maximumDelay {
            delay = delay * 2
        }
        return min(delay, maximumDelay)
    }

    /// What becomes of a mail queued at `queuedAt` whose `attempt`-th attempt ended at `now`
    /// with `outcome`.
    public func decide(_ outcome: MailAttemptOutcome, attempt: Int, queuedAt: Timestamp, now: Timestamp) -> MailDecision {
        switch outcome {
        case .delivered: return .sent
        case .refused(let reply): return .fail(reply.description)
        case .deferred(let reason):
            let next = now.adding(delay(afterAttempt: attempt))
            guard next <= queuedAt.adding(giveUpAfter) else {
                return .fail("given up after \(attempt) attempts: \(reason)")
            }
            return .retry(at: next)
        }
    }
}

/// How one attempt to hand a mail to the mail server ended.
public enum MailAttemptOutcome: Sendable, Hashable {
    /// The server accepted the mail (250 after its data).
    case delivered(SMTPReply)
    /// A temporary failure: a 4xx reply, a lost or refused connection, a timeout.
    case deferred(String)
    /// A permanent failure: a 5xx reply.
    case refused(SMTPReply)
}

/// What the outbox does with a mail after an attempt.
public enum MailDecision: Sendable, Hashable {
    case sent
    case retry(at: Timestamp)
    case fail(String)
}
