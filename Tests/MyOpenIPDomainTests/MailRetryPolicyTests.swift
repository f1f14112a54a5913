import MyOpenIPDomain
import Testing

@Suite("Mail retries (RFC 5321 §4.5.4.1)")
struct MailRetryPolicyTests {
    let policy = MailRetryPolicy()
    let queued = Timestamp(milliseconds: 1_000_000_000_000)

    @Test func delaysDoubleFromFiveMinutesUpToAnHour() {
        let minutes = (1...7).map { policy.delay(afterAttempt: $0) / .seconds(60) }
        #expect(minutes == [5, 10, 20, 40, 60, 60, 60])
    }

    @Test func aTemporaryFailureIsRetriedAfterTheDelay() {
        let now = queued.adding(.seconds(10))
        #expect(
            policy.decide(.deferred("451 4.3.0 Try again later"), attempt: 1, queuedAt: queued, now: now)
                == .retry(at: now.adding(.seconds(300))))
    }

    @Test func aPermanentFailureFailsAtOnceAndAnAcceptanceIsSent() {
        let refused = SMTPReply(code: 550, lines: ["5.1.1 No such user here"])
        #expect(
            policy.decide(.refused(refused), attempt: 1, queuedAt: queued, now: queued) == .fail("550 5.1.1 No such user here"))
        #expect(
            policy.decide(.delivered(SMTPReply(code: 250, lines: ["OK"])), attempt: 3, queuedAt: queued, now: queued) == .sent)
    }

    @Test func aMailIsGivenUpWhenItsNextAttemptWouldFallAfterFourDays() {
        let late = queued.adding(.seconds(4 * 24 * 3600 - 30 * 60))
        let decision = policy.decide(.deferred("connection: refused"), attempt: 40, queuedAt: queued, now: late)
        #expect(decision == .fail("given up after 40 attempts: connection: refused"))
        let earlier = queued.adding(.seconds(4 * 24 * 3600 - 2 * 3600))
        #expect(
            policy.decide(.deferred("x"), attempt: 40, queuedAt: queued, now: earlier)
                == .retry(at: earlier.adding(.seconds(3600))))
    }

    @Test func repliesAreClassifiedByTheirFirstDigit() {
        #expect(SMTPReply(code: 250, lines: []).isPositive)
        #expect(SMTPReply(code: 354, lines: []).isPositive)
        #expect(SMTPReply(code: 421, lines: []).isTransient)
        #expect(SMTPReply(code: 554, lines: []).isPermanent)
        #expect(SMTPReply(code: 250, lines: ["first", "second"]).description == "250 first second")
    }

    @Test func messageIDsAreUniqueUnderThePortalsHost() {
        #expect(MessageID.domain(of: "https://cm.myopenip.fr/portail") == "cm.myopenip.fr")
        #expect(MessageID.domain(of: "http://localhost:8080") == "localhost")
        #expect(MessageID.domain(of: "no-reply@myopenip.fr") == "myopenip.fr")
        #expect(MessageID.domain(of: "https://bad host/") == "localhost")
        let first = MessageID.new(domain: "cm.myopenip.fr")
        #expect(first.hasSuffix("@cm.myopenip.fr"))
        #expect(first != MessageID.new(domain: "cm.myopenip.fr"))
    }

    @Test func statesCarryThePortalsLabels() {
        #expect(
            MailDeliveryState.allCases.map(\.label) == [
                "En attente", "En cours d'envoi", "Nouvel essai prévu", "Envoyé", "Échec", "Annulé",
            ])
        #expect(MailDeliveryState.allCases.filter(\.isFinal) == [.sent, .failed, .cancelled])
    }
}
