import Logging
import MyOpenIPDomain
import MyOpenIPSMTP
import MyOpenIPStore
import ServiceLifecycle

/// Sends the outbox's mails to the relay, in the background of the daemon.
///
/// - At start, it settles the attempts its previous run left unfinished
///   (``MailDeliveryRepository/recoverInterrupted(owner:context:at:)``).
/// - ``MailSettings/connections`` workers each claim one due mail at a time, under a lease, and
///   send it on their connection, kept open while mails keep coming.
/// - The end of a mail's data is sent only after the outbox has durably recorded it: an attempt
///   cut short after that point is not repeated by itself, so a mail is never sent twice.
/// - A 4xx reply or a lost connection is retried later (``MailRetryPolicy``); a 5xx reply fails
///   the mail at once. Every attempt is kept on the mail.
public struct MailDeliveryService: Service {
    /// The actor of the audit events the sender writes.
    public static let actor = "mail-delivery"

    let settings: MailSettings
    let outbox: any MailDeliveryRepository
    let time: any TimeSource
    let logger: Logger

    public init(settings: MailSettings, outbox: any MailDeliveryRepository, time: any TimeSource, logger: Logger) {
        self.settings = settings
        self.outbox = outbox
        self.time = time
        self.logger = logger
    }

    private var context: AuditContext { AuditContext(actor: Self.actor) }

    public func run() async throws {
        let client = try SMTPClient(settings: settings.smtp)
        let recovered = try await outbox.recoverInterrupted(owner: settings.owner, context: context, at: time.timestamp())
        if recovered.retried + recovered.uncertain > 0 {
            logger.warning(
                "mail attempts interrupted by the last stop",
                metadata: ["retried": "\(recovered.retried)", "not_sent_again": "\(recovered.uncertain)"])
        }
        logger.info("mail delivery on", metadata: ["relay": "\(settings.smtp)", "connections": "\(settings.connections)"])
        // A graceful shutdown stops the workers between two mails, never in the middle of one.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(settings.connections, 1) {
                group.addTask { await work(client: client) }
            }
        }
    }

    /// One connection's loop: waits for a due mail, sends it and the ones after it on one
    /// session, until the daemon stops.
    private func work(client: SMTPClient) async {
        let secrets = BlankedSecrets()
        var failures = 0
        var lastRecovery = ContinuousClock.now
        while !Self.stopping {
            let seen = OutboxBell.shared.rings
            let found = await claim()
            var claimed = found.mails
            guard !claimed.isEmpty else {
                await secrets.eraseIfBlanked(outbox)
                if lastRecovery.duration(to: .now) >= Self.recoveryInterval {
                    lastRecovery = .now
                    await recoverExpiredClaims()
                }
                let limit = waitLimit(until: found.nextDue)
                await cancelWhenGracefulShutdown { await OutboxBell.shared.wait(after: seen, upTo: limit) }
                continue
            }
            var opened = false
            do {
                try await client.withSession { session in
                    opened = true
                    while !claimed.isEmpty && !Self.stopping {
                        let current = claimed.removeFirst()
                        try await send(current, on: &session, secrets: secrets)
                        await secrets.eraseIfDue(outbox)
                        if claimed.isEmpty && !Self.stopping { claimed = await claim().mails }
                    }
                }
                failures = 0
            } catch {
                // No session (relay down, TLS or AUTH refused: the relay's or the settings'
                // fault, not the mail's): the first claimed mail waits for its next attempt. A
                // session that broke later: `send` settled the mail in flight. The others of the
                // claim were not tried: they go back as they were.
                if !opened, !claimed.isEmpty {
                    await settle(claimed.removeFirst(), .deferred("\(error)"), secrets: secrets)
                }
                failures += 1
                if failures == 1 || failures % 100 == 0 {
                    logger.warning(
                        "mail relay unreachable or failing",
                        metadata: ["relay": "\(settings.smtp)", "error": "\(error)", "failures": "\(failures)"])
                }
            }
            await release(claimed)
        }
        await secrets.eraseIfBlanked(outbox)
    }

    /// Gives back claimed mails this worker will not try now.
    private func release(_ mails: [MailToSend]) async {
        guard !mails.isEmpty else { return }
        do {
            try await outbox.release(mails, owner: settings.owner, at: time.timestamp())
        } catch {
            logger.error("cannot give back claimed mails", metadata: ["mails": "\(mails.count)", "error": "\(error)"])
        }
    }

    /// How often an idle worker settles the mails of senders whose claims expired (another
    /// daemon sharing the database that stopped in the middle of an attempt).
    static let recoveryInterval: Duration = .seconds(60)

    private func recoverExpiredClaims() async {
        do {
            let found = try await outbox.recoverInterrupted(owner: nil, context: context, at: time.timestamp())
            if found.retried + found.uncertain > 0 {
                logger.warning(
                    "mail attempts of another sender settled after their claims expired",
                    metadata: ["retried": "\(found.retried)", "not_sent_again": "\(found.uncertain)"])
            }
        } catch {
            logger.error("cannot settle expired mail claims", metadata: ["error": "\(error)"])
        }
    }

    private static var stopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// Sends one claimed mail and settles it; rethrows what broke the session.
    private func send(_ mail: MailToSend, on session: inout SMTPSession, secrets: BlankedSecrets) async throws {
        let message = MIMEMessage(
            from: settings.from, fromName: settings.fromName, to: mail.recipient, subject: mail.subject, body: mail.body,
            date: time.timestamp(), messageID: mail.messageID, attachments: mail.attachments)
        do {
            let accepted = try await session.send(from: settings.from, to: mail.recipient, message: message.rendered()) {
                try await outbox.handOver(mail, owner: settings.owner, at: time.timestamp())
            }
            await settle(mail, .delivered(accepted), secrets: secrets)
        } catch let failure as SMTPFailure {
            await settle(mail, failure.outcome, secrets: secrets)
            // A refused recipient or message leaves the session usable; anything else ends it,
            // and so does 421, the relay closing the connection.
            guard case .reply(let reply, _) = failure, reply.isPermanent || reply.isTransient, reply.code != 421 else {
                throw failure
            }
        } catch {
            // The outbox could not record the hand-over: the end of the data was not sent.
            await settle(mail, .deferred("the outbox could not be written: \(error)"), secrets: secrets)
            throw error
        }
    }

    /// Records how the attempt ended; a failure to record leaves the mail claimed until its lease
    /// expires (then another start or daemon settles it).
    private func settle(_ mail: MailToSend, _ outcome: MailAttemptOutcome, secrets: BlankedSecrets) async {
        let now = time.timestamp()
        let decision = settings.retry.decide(outcome, attempt: mail.attempt, queuedAt: mail.queuedAt, now: now)
        do {
            let blanked = try await outbox.finish(
                mail, owner: settings.owner, outcome: outcome, decision: decision, context: context, at: now)
            if blanked { secrets.blanked() }
        } catch {
            logger.error("cannot record a mail attempt", metadata: ["mail": "\(mail.id)", "error": "\(error)"])
        }
        switch decision {
        case .sent: logger.debug("mail sent", metadata: ["mail": "\(mail.id)"])
        case .retry: logger.info("mail deferred", metadata: ["mail": "\(mail.id)", "attempt": "\(mail.attempt)"])
        case .fail(let reason): logger.warning("mail failed", metadata: ["mail": "\(mail.id)", "reason": "\(reason)"])
        }
    }

    /// Mails claimed at once by a worker: one commit for several mails, few enough that the other
    /// workers get their share.
    static let claimBatch = 8

    /// The due mails claimed, or none and when the next one falls due (nil: none waits, or the
    /// outbox could not be read).
    private func claim() async -> (mails: [MailToSend], nextDue: Timestamp?) {
        let now = time.timestamp()
        do {
            // A read first: an idle outbox costs no write transaction at each look.
            guard let due = try await outbox.nextDue() else { return ([], nil) }
            guard due <= now else { return ([], due) }
            let mails = try await outbox.claimDue(
                owner: settings.owner, now: now, leaseUntil: now.adding(settings.lease), limit: Self.claimBatch)
            return (mails, nil)
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return ([], nil)
        }
    }

    /// How long to wait when nothing is due: until the next due mail, at most the poll interval.
    private func waitLimit(until due: Timestamp?) -> Duration {
        guard let due else { return settings.pollInterval }
        let untilDue = Duration.milliseconds(max(due.milliseconds - time.timestamp().milliseconds, 10))
        return min(untilDue, settings.pollInterval)
    }
}

/// The secrets a worker blanked out of sent mails whose text the database's log still holds:
/// erased once the worker goes idle, or a second after the first of them while mails keep
/// coming (a checkpoint after every mail would cost more than the mail).
final class BlankedSecrets {
    static let longestWait: Duration = .seconds(1)

    private var since: ContinuousClock.Instant?

    func blanked() {
        if since == nil { since = .now }
    }

    func eraseIfBlanked(_ outbox: any MailDeliveryRepository) async {
        guard since != nil else { return }
        since = nil
        await outbox.eraseBlankedSecrets()
    }

    func eraseIfDue(_ outbox: any MailDeliveryRepository) async {
        guard let since, since.duration(to: .now) >= Self.longestWait else { return }
        await eraseIfBlanked(outbox)
    }
}
