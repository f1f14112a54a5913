import MyOpenIPDomain
import Testing

@Suite("Identity messages")
struct IdentityMessagesTests {
    static func lockMessage(minutes: String) -> String {
        "Votre compte est temporairement verrouillé après plusieurs échecs de connexion. Réessayez dans \(minutes)."
    }

    @Test func aLockOfOneMinuteOrLessSaysOneMinute() {
        for retryAfter in [Duration.seconds(60), .seconds(59), .seconds(1), .milliseconds(1), .zero, .seconds(-5)] {
            let violation = IdentityMessages.accountLocked(retryAfter: retryAfter)
            #expect(violation.message == Self.lockMessage(minutes: "1 minute"), "retryAfter \(retryAfter)")
        }
    }

    @Test func longerLocksArePluralised() {
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(120)).message == Self.lockMessage(minutes: "2 minutes"))
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(3600)).message == Self.lockMessage(minutes: "60 minutes"))
    }

    @Test func partialMinutesRoundUp() {
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(61)).message == Self.lockMessage(minutes: "2 minutes"))
        #expect(
            IdentityMessages.accountLocked(retryAfter: .milliseconds(60_001)).message == Self.lockMessage(minutes: "2 minutes"))
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(121)).message == Self.lockMessage(minutes: "3 minutes"))
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(3599)).message == Self.lockMessage(minutes: "60 minutes"))
    }

    @Test func theLockHasAStableReasonAndNoField() {
        let violation = IdentityMessages.accountLocked(retryAfter: .seconds(60))
        #expect(violation.reason == "ACCOUNT_LOCKED")
        #expect(violation.field == nil)
    }

    @Test func linkProblemsAreAboutTheToken() {
        #expect(IdentityMessages.linkInvalid.field == "token")
        #expect(IdentityMessages.linkExpired.field == "token")
        #expect(IdentityMessages.linkUsed.field == "token")
        #expect(IdentityMessages.linkUsed.reason == "PASSWORD_LINK_USED")
        #expect(IdentityMessages.emailTaken.reason == "EMAIL_TAKEN")
        #expect(IdentityMessages.emailTaken.field == "email")
    }
}
