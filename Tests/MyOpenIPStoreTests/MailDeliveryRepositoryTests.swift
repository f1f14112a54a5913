import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite mail delivery: claims, outcomes, recovery")
struct MailDeliveryRepositoryTests {
    typealias Fixture = IdentityFixture
    let start = IdentityFixture.start
    let context = IdentityFixture.context
    let sender = AuditContext(actor: "mail-delivery")

    /// A fixture with one queued password-link mail; returns the delivery repository and the mail.
    func withQueuedMail(_ body: (IdentityFixture, SQLiteMailDeliveryRepository, MailRecord) async throws -> Void)
        async throws
    {
        try await withIdentityStore { fixture async throws in
            _ = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let mail = try #require(try await fixture.allMails().first)
            try await body(fixture, SQLiteMailDeliveryRepository(store: fixture.store), mail)
        }
    }

    @Test func aClaimHoldsTheMailForOneSenderAndRecordsTheAttempt() async throws {
        try await withQueuedMail { fixture, delivery, mail async throws in
            #expect(mail.state == .queued)
            #expect(mail.messageID.hasSuffix("@myopenip.example"))
            let lease = start.adding(.seconds(900))
            let claimed = try await delivery.claimDue(owner: "a", now: start, leaseUntil: lease, limit: 10)
            #expect(claimed.map(\.id) == [mail.id])
            #expect(claimed.first?.attempt == 1)
            #expect(claimed.first?.messageID == mail.messageID)
            #expect(claimed.first?.body.contains(Fixture.token(ofLink: "link-1")) == true)
            #expect(try await delivery.claimDue(owner: "b", now: start, leaseUntil: lease, limit: 10).isEmpty)
            #expect(try await fixture.mails.mail(id: mail.id)?.state == .sending)
            let attempts = try await delivery.attempts(of: mail.id)
            #expect(attempts.map(\.owner) == ["a"])
            #expect(attempts.first?.outcome == nil)
        }
    }

    @Test func mailsClaimedButNotTriedGoBackAsTheyWere() async throws {
        try await withIdentityStore { fixture async throws in
            for index in 1...3 {
                _ = try await fixture.createAccount(email: "u\(index)@example.fr", linkDigest: "link-\(index)")
            }
            let delivery = SQLiteMailDeliveryRepository(store: fixture.store)
            let lease = start.adding(.seconds(900))
            let claimed = try await delivery.claimDue(owner: "a", now: start, leaseUntil: lease, limit: 3)
            #expect(claimed.count == 3)
            let later = start.adding(.seconds(2))
            try await delivery.release(Array(claimed.dropFirst()), owner: "a", at: later)
            for mail in claimed.dropFirst() {
                let record = try #require(try await fixture.mails.mail(id: mail.id))
                #expect(record.state == .queued)
                #expect(record.attempts == 0)
                #expect(record.nextAttemptAt == later)
                #expect(try await delivery.attempts(of: mail.id).isEmpty)
            }
            #expect(try await fixture.mails.mail(id: claimed[0].id)?.state == .sending)
            // Another sender cannot give back what it does not hold.
            try await delivery.release([claimed[0]], owner: "b", at: later)
            #expect(try await fixture.mails.mail(id: claimed[0].id)?.state == .sending)
            let again = try await delivery.claimDue(owner: "b", now: later, leaseUntil: lease, limit: 10)
            #expect(again.map(\.attempt) == [1, 1])
        }
    }

    @Test func aDeliveredMailIsSentItsSecretBlankedAndAudited() async throws {
        try await withQueuedMail { fixture, delivery, mail async throws in
            let claimed = try #require(
                try await delivery.claimDue(owner: "a", now: start, leaseUntil: start.adding(.seconds(900)), limit: 1).first)
            try await delivery.handOver(claimed, owner: "a", at: start)
            let reply = SMTPReply(code: 250, lines: ["2.0.0 Ok: queued"])
            let done = start.adding(.seconds(1))
            try await delivery.finish(claimed, owner: "a", outcome: .delivered(reply), decision: .sent, context: sender, at: done)
            let sent = try #require(try await fixture.mails.mail(id: mail.id))
            #expect(sent.state == .sent)
            #expect(sent.sentAt == done)
            #expect(!sent.body.contains(Fixture.token(ofLink: "link-1")))
            let attempts = try await delivery.attempts(of: mail.id)
            #expect(attempts.map(\.outcome) == ["delivered"])
            #expect(attempts.first?.replyCode == 250)
            #expect(attempts.first?.reply == "250 2.0.0 Ok: queued")
            let events = try await fixture.events(AuditFilter(action: "mail.sent"))
            #expect(events.map(\.actor) == ["mail-delivery"])
            #expect(try await delivery.claimDue(owner: "a", now: done.adding(.seconds(3600)), leaseUntil: done, limit: 1).isEmpty)
        }
    }

    @Test func aDeferredMailWaitsUntilItsNextAttemptAndAStaleClaimChangesNothing() async throws {
        try await withQueuedMail { fixture, delivery, mail async throws in
            let lease = start.adding(.seconds(900))
            let claimed = try #require(try await delivery.claimDue(owner: "a", now: start, leaseUntil: lease, limit: 1).first)
            // Another sender's outcome for this attempt does not touch the mail.
            try await delivery.finish(
                claimed, owner: "intruder", outcome: .deferred("x"), decision: .fail("x"), context: sender, at: start)
            #expect(try await fixture.mails.mail(id: mail.id)?.state == .sending)

            let next = start.adding(.seconds(300))
            try await delivery.finish(
                claimed, owner: "a", outcome: .deferred("451 4.3.0 Try again later"), decision: .retry(at: next),
                context: sender, at: start)
            let waiting = try #require(try await fixture.mails.mail(id: mail.id))
            #expect(waiting.state == .retrying)
            #expect(waiting.nextAttemptAt == next)
            #expect(waiting.lastError == "451 4.3.0 Try again later")
            #expect(try await delivery.nextDue() == next)
            #expect(
                try await delivery.claimDue(owner: "a", now: next.adding(.milliseconds(-1)), leaseUntil: lease, limit: 1).isEmpty)
            let again = try await delivery.claimDue(owner: "a", now: next, leaseUntil: next.adding(.seconds(900)), limit: 1)
            #expect(again.map(\.attempt) == [2])
            #expect(try await delivery.attempts(of: mail.id).first?.replyCode == 451)
        }
    }

    @Test func aStartSettlesItsOwnInterruptedAttemptsAndOthersOnlyOnceTheirLeaseExpired() async throws {
        try await withIdentityStore { fixture async throws in
            for index in 1...3 {
                _ = try await fixture.createAccount(email: "u\(index)@example.fr", linkDigest: "link-\(index)")
            }
            let delivery = SQLiteMailDeliveryRepository(store: fixture.store)
            let lease = start.adding(.seconds(900))
            let mine = try await delivery.claimDue(owner: "a", now: start, leaseUntil: lease, limit: 2)
            let theirs = try await delivery.claimDue(owner: "b", now: start, leaseUntil: lease, limit: 1)
            #expect(mine.count == 2 && theirs.count == 1)
            // One of mine had sent the end of its data: the relay may have it.
            try await delivery.handOver(mine[1], owner: "a", at: start)

            let found = try await delivery.recoverInterrupted(owner: "a", context: sender, at: start.adding(.seconds(5)))
            #expect(found == InterruptedDeliveries(retried: 1, uncertain: 1))
            #expect(try await fixture.mails.mail(id: mine[0].id)?.state == .retrying)
            let uncertain = try #require(try await fixture.mails.mail(id: mine[1].id))
            #expect(uncertain.state == .failed)
            #expect(uncertain.lastError == SQLiteMailDeliveryRepository.uncertainError)
            #expect(try await fixture.mails.mail(id: theirs[0].id)?.state == .sending)
            #expect(try await delivery.attempts(of: mine[1].id).map(\.outcome) == ["interrupted"])

            // Another sender's claim holds until its lease ends, whoever looks.
            let early = try await delivery.recoverInterrupted(owner: nil, context: sender, at: start.adding(.seconds(5)))
            #expect(early == InterruptedDeliveries(retried: 0, uncertain: 0))
            let later = try await delivery.recoverInterrupted(owner: nil, context: sender, at: lease.adding(.seconds(1)))
            #expect(later == InterruptedDeliveries(retried: 1, uncertain: 0))
            #expect(try await fixture.mails.mail(id: theirs[0].id)?.state == .retrying)
        }
    }

    @Test func staffRetryAFailedMailAndCancelAWaitingOneButNotOneBeingSent() async throws {
        try await withQueuedMail { fixture, delivery, mail async throws in
            let claimed = try #require(
                try await delivery.claimDue(owner: "a", now: start, leaseUntil: start.adding(.seconds(900)), limit: 1).first)
            await #expect(throws: MailStateConflict(state: .sending)) {
                _ = try await delivery.cancel(id: mail.id, context: context, at: start)
            }
            await #expect(throws: MailStateConflict(state: .sending)) {
                _ = try await fixture.mails.markSent(id: mail.id, context: context, at: start)
            }
            let refused = SMTPReply(code: 550, lines: ["5.1.1 No such user here"])
            try await delivery.finish(
                claimed, owner: "a", outcome: .refused(refused), decision: .fail(refused.description), context: sender, at: start)
            #expect(try await fixture.events(AuditFilter(action: "mail.failed")).count == 1)

            let later = start.adding(.seconds(60))
            let retried = try #require(try await delivery.retry(id: mail.id, context: context, at: later))
            #expect(retried.state == .retrying)
            #expect(retried.nextAttemptAt == later)
            #expect(retried.body.contains(Fixture.token(ofLink: "link-1")))
            let cancelled = try #require(try await delivery.cancel(id: mail.id, context: context, at: later))
            #expect(cancelled.state == .cancelled)
            #expect(!cancelled.body.contains(Fixture.token(ofLink: "link-1")))
            await #expect(throws: MailStateConflict(state: .cancelled)) {
                _ = try await delivery.retry(id: mail.id, context: context, at: later)
            }
            #expect(try await delivery.retry(id: 999, context: context, at: later) == nil)
            #expect(try await fixture.events(AuditFilter(action: "mail.retried")).count == 1)
            #expect(try await fixture.events(AuditFilter(action: "mail.cancelled")).count == 1)
            let failedOnly = try await fixture.mails.mails(MailFilter(state: .cancelled), page: PageRequest(limit: 10))
            #expect(failedOnly.items.map(\.id) == [mail.id])
        }
    }
}

@Suite("The mail delivery migration")
struct MailDeliveryMigrationTests {
    @Test("mails queued before delivery existed: the sent ones are sent, the others due at once, each with a Message-ID")
    func existingMailsGetAState() async throws {
        try await withTemporaryFolder { folder in
            let before = [StoreMigration].everyDomain.filter { $0.version < StoreMigration.mailDelivery.version }
            let old = try Store(folder: folder, migrations: before)
            try await old.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO mail_outbox (recipient, subject, body, template, created_at, sent_at, attempts)
                        VALUES ('a@example.fr', 's', 'b', 't', 1000, 2000, 1), ('b@example.fr', 's', 'b', 't', 3000, NULL, 0)
                        """)
            }
            try old.writer.close()
            let store = try Store(folder: folder, migrations: .everyDomain)
            let mails = SQLiteMailOutboxRepository(store: store)
            let sent = try #require(try await mails.mail(id: 1))
            #expect(sent.state == .sent)
            #expect(sent.endedAt == Timestamp(milliseconds: 2000))
            #expect(sent.messageID == "mail-1.1000@myopenip")
            let waiting = try #require(try await mails.mail(id: 2))
            #expect(waiting.state == .queued)
            #expect(waiting.nextAttemptAt == Timestamp(milliseconds: 3000))
            #expect(waiting.messageID == "mail-2.3000@myopenip")
        }
    }
}
