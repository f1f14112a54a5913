import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite identity repository: failed and successful logins")
struct LoginRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    @Test func theThirdFailureLocksTheAccount() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let policy = LockoutPolicy(threshold: 3)
            let now = start.adding(.seconds(10))

            var locks: [Timestamp?] = []
            for _ in 1...3 {
                locks.append(
                    try await fixture.accounts.recordFailedLogin(
                        accountID: account.id, identifier: account.login.description, lockout: policy, context: context, at: now))
            }
            let until = now.adding(.seconds(60))
            #expect(locks == [nil, nil, until])

            let lockedFound = try await fixture.accounts.account(login: account.login)
            let locked = try #require(lockedFound)
            #expect(locked.failedLogins == 3)
            #expect(locked.lockedUntil == until)
            #expect(locked.storedState == .active)
            #expect(locked.state(at: now) == .locked)
            #expect(locked.lock(at: now) == until)
            #expect(locked.state(at: until) == .active)
            #expect(locked.lock(at: until) == nil)
            let listed = try await fixture.accounts.accounts(AccountFilter(state: .locked), page: PageRequest(), at: now)
            #expect(listed.items.map(\.id) == [account.id])
            let notActive = try await fixture.accounts.accounts(AccountFilter(state: .active), page: PageRequest(), at: now)
            #expect(notActive.items.isEmpty)

            // The fourth failure doubles the delay.
            let fourth = try await fixture.accounts.recordFailedLogin(
                accountID: account.id, identifier: account.login.description, lockout: policy, context: context, at: now)
            #expect(fourth == now.adding(.seconds(120)))

            let lockEvents = try await fixture.events(AuditFilter(accountLogin: account.login, action: "account.locked"))
            #expect(lockEvents.count == 2)
            #expect(lockEvents.first?.details["failures"] == "4")
            #expect(lockEvents.first?.details["until"] == now.adding(.seconds(120)).iso8601)
            let failedEvents = try await fixture.events(AuditFilter(accountLogin: account.login, action: "login.failed"))
            #expect(failedEvents.map { $0.details["failures"] ?? "" } == ["4", "3", "2", "1"])
        }
    }

    @Test func anUnknownIdentifierIsAuditedWithoutAnAccountAndLockedLikeOne() async throws {
        try await withIdentityStore { fixture async throws in
            let lock = try await fixture.accounts.recordFailedLogin(
                accountID: nil, identifier: "inconnu@example.fr", lockout: LockoutPolicy(threshold: 1), context: context,
                at: start)
            // Its decoy counter is locked as an account's would be, whatever the identifier's case.
            #expect(lock == start.adding(.seconds(60)))
            #expect(try await fixture.accounts.decoyLock(identifier: "INCONNU@example.fr", at: start) == lock)
            #expect(try await fixture.accounts.decoyLock(identifier: "inconnu@example.fr", at: start.adding(.seconds(60))) == nil)

            let events = try await fixture.events()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.action == "login.failed")
            #expect(event.accountLogin == nil)
            #expect(event.details == ["identifier": "inconnu@example.fr", "cause": "unknown_identifier"])
            #expect(event.actor == "operator(uid=0)")
        }
    }

    @Test func aSuccessfulLoginResetsTheFailuresAndMayRehashThePassword() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let policy = LockoutPolicy(threshold: 3)
            for _ in 1...3 {
                _ = try await fixture.accounts.recordFailedLogin(
                    accountID: account.id, identifier: "jean@example.fr", lockout: policy, context: context, at: start)
            }
            let later = start.adding(.seconds(120))
            let session = try await fixture.accounts.openSession(
                accountID: account.id, tokenDigest: "session-a", policy: SessionPolicy(), client: "unix",
                rehashedPassword: "$scrypt$stronger", context: context, at: later)

            let afterFound = try await fixture.accounts.account(login: account.login)
            let after = try #require(afterFound)
            #expect(after.failedLogins == 0)
            #expect(after.lockedUntil == nil)
            #expect(after.passwordHash == "$scrypt$stronger")
            let events = try await fixture.events(AuditFilter(action: "login.succeeded"))
            #expect(events.count == 1)
            #expect(events.first?.details == ["session": String(session.id), "client": "unix"])
        }
    }
}
