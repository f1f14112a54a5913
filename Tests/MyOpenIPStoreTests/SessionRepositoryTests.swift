import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite identity repository: sessions and the terms they see")
struct SessionRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    @Test func aSessionIsOpenedAndFoundByItsTokenDigest() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let at = start.adding(.seconds(120))
            let session = try await fixture.openSession(account, tokenDigest: "session-a", at: at)

            #expect(session.accountID == account.id)
            #expect(session.createdAt == at)
            #expect(session.lastUsedAt == at)
            #expect(session.idleExpiresAt == at.adding(.seconds(30 * 60)))
            #expect(session.expiresAt == at.adding(.seconds(12 * 3600)))
            #expect(session.revokedAt == nil)
            #expect(session.isOpen(at: at))
            #expect(!session.isOpen(at: session.idleExpiresAt))

            let lookup = try await fixture.lookUp("session-a", at: at)
            #expect(lookup.session == session)
            #expect(lookup.account.id == account.id)
            #expect(lookup.account.login == account.login)
            #expect(lookup.termsInForce == nil)
            #expect(lookup.hasAcceptedTermsInForce)
            #expect(try await fixture.accounts.session(tokenDigest: "session-unknown", at: at) == nil)
        }
    }

    @Test func touchingASessionPushesItsIdleExpiryBack() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let session = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            let later = start.adding(.seconds(20 * 60))
            let idle = SessionPolicy().idleExpiry(lastUse: later, absoluteExpiry: session.expiresAt)

            try await fixture.accounts.touchSession(id: session.id, at: later, idleExpiresAt: idle)

            let touched = try await fixture.lookUp("session-a", at: later).session
            #expect(touched.lastUsedAt == later)
            #expect(touched.idleExpiresAt == later.adding(.seconds(30 * 60)))
            #expect(touched.isOpen(at: session.idleExpiresAt))
        }
    }

    @Test func revokeSessionsKeepsTheExceptedOne() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let other = try await fixture.createActiveAccount(email: "marie@example.fr", linkDigest: "link-2")
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            let b = try await fixture.openSession(account, tokenDigest: "session-b", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-c", at: start)
            _ = try await fixture.openSession(other, tokenDigest: "session-other", at: start)
            let later = start.adding(.seconds(60))

            let revoked = try await fixture.accounts.revokeSessions(
                accountID: account.id, except: b.id, reason: "logout_elsewhere", context: context, at: later)

            #expect(revoked == 2)
            #expect(try await fixture.lookUp("session-a", at: later).session.revokedAt == later)
            #expect(try await fixture.lookUp("session-c", at: later).session.revokedAt == later)
            #expect(try await fixture.lookUp("session-b", at: later).session.isOpen(at: later))
            #expect(try await fixture.lookUp("session-other", at: later).session.isOpen(at: later))
            let revokedA = try await fixture.lookUp("session-a", at: later).session
            #expect(!revokedA.isOpen(at: later))

            let events = try await fixture.events(AuditFilter(accountLogin: account.login, action: "session.revoked"))
            #expect(events.count == 1)
            #expect(events.first?.details == ["sessions": "2", "reason": "logout_elsewhere"])

            // Nothing is left to revoke but the excepted session.
            let again = try await fixture.accounts.revokeSessions(
                accountID: account.id, except: b.id, reason: "logout_elsewhere", context: context, at: later)
            #expect(again == 0)
        }
    }

    @Test func revokeSessionsWithoutExceptionRevokesThemAll() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-b", at: start)

            let revoked = try await fixture.accounts.revokeSessions(
                accountID: account.id, except: nil, reason: "operator", context: context, at: start)

            #expect(revoked == 2)
            #expect(try await fixture.lookUp("session-a", at: start).session.revokedAt == start)
            #expect(try await fixture.lookUp("session-b", at: start).session.revokedAt == start)
        }
    }

    @Test func revokeSessionLogsOneSessionOut() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let a = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-b", at: start)
            let later = start.adding(.seconds(5))

            try await fixture.accounts.revokeSession(
                id: a.id, accountID: account.id, reason: "logout", context: context, at: later)
            try await fixture.accounts.revokeSession(
                id: a.id, accountID: account.id, reason: "logout", context: context, at: later)

            #expect(try await fixture.lookUp("session-a", at: later).session.revokedAt == later)
            #expect(try await fixture.lookUp("session-b", at: later).session.revokedAt == nil)
            let events = try await fixture.events(AuditFilter(action: "session.revoked"))
            #expect(events.count == 1)
            #expect(events.first?.details == ["session": String(a.id), "reason": "logout"])
        }
    }

    @Test func changePasswordRevokesTheOtherSessions() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let current = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-b", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-c", at: start)
            let later = start.adding(.seconds(300))

            let revoked = try await fixture.accounts.changePassword(
                accountID: account.id, passwordHash: "$scrypt$new", keepingSession: current.id, context: context, at: later)

            #expect(revoked == 2)
            #expect(try await fixture.lookUp("session-a", at: later).session.isOpen(at: later))
            #expect(try await fixture.lookUp("session-b", at: later).session.revokedAt == later)
            #expect(try await fixture.lookUp("session-c", at: later).session.revokedAt == later)
            let changedFound = try await fixture.accounts.account(login: account.login)
            let changed = try #require(changedFound)
            #expect(changed.passwordHash == "$scrypt$new")
            #expect(changed.passwordSetAt == later)
            let events = try await fixture.events(AuditFilter(action: "password.changed"))
            #expect(events.first?.details == ["revoked_sessions": "2"])
        }
    }

    @Test func settingAPasswordThroughALinkRevokesEverySession() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            let at = start.adding(.seconds(60))
            let expiry = at.adding(.seconds(3600))
            try await fixture.accounts.issuePasswordLink(
                NewPasswordLink(tokenDigest: "link-2", purpose: .reset, expiresAt: expiry), accountID: account.id,
                mail: IdentityFixture.resetMail(for: account, linkDigest: "link-2", expiresAt: expiry), notIfIssuedAfter: nil,
                context: context, at: at)

            _ = try await fixture.accounts.setPassword(
                linkDigest: "link-2", passwordHash: "$scrypt$reset", context: context, at: at)

            #expect(try await fixture.lookUp("session-a", at: at).session.revokedAt == at)
        }
    }

    @Test func disablingAnAccountRevokesItsSessionsAndLinks() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: start)
            _ = try await fixture.openSession(account, tokenDigest: "session-b", at: start)
            let expiry = start.adding(.seconds(3600))
            try await fixture.accounts.issuePasswordLink(
                NewPasswordLink(tokenDigest: "link-2", purpose: .reset, expiresAt: expiry), accountID: account.id,
                mail: IdentityFixture.resetMail(for: account, linkDigest: "link-2", expiresAt: expiry), notIfIssuedAfter: nil,
                context: context, at: start)
            let later = start.adding(.seconds(60))

            let disabled = try await fixture.accounts.setDisabled(true, accountID: account.id, context: context, at: later)

            #expect(disabled.storedState == .disabled)
            #expect(disabled.state(at: later) == .disabled)
            #expect(try await fixture.lookUp("session-a", at: later).session.revokedAt == later)
            #expect(try await fixture.lookUp("session-b", at: later).session.revokedAt == later)
            await #expect(throws: IdentityMessages.linkInvalid) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-2", passwordHash: "$scrypt$x", context: context, at: later)
            }
            #expect(try await fixture.events(AuditFilter(action: "account.disabled")).count == 1)

            // Disabling twice changes nothing more.
            _ = try await fixture.accounts.setDisabled(true, accountID: account.id, context: context, at: later)
            #expect(try await fixture.events(AuditFilter(action: "account.disabled")).count == 1)

            // Enabling it again brings back an active account; its sessions stay revoked.
            let enabled = try await fixture.accounts.setDisabled(false, accountID: account.id, context: context, at: later)
            #expect(enabled.storedState == .active)
            #expect(enabled.failedLogins == 0)
            #expect(try await fixture.lookUp("session-a", at: later).session.revokedAt == later)
            let events = try await fixture.events(AuditFilter(action: "account.enabled"))
            #expect(events.first?.details == ["was": "disabled"])
        }
    }

    @Test func enablingAnAccountThatNeverSetItsPasswordLeavesItPending() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            _ = try await fixture.accounts.setDisabled(true, accountID: account.id, context: context, at: start)
            let enabled = try await fixture.accounts.setDisabled(false, accountID: account.id, context: context, at: start)
            #expect(enabled.storedState == .pendingPassword)
        }
    }

    @Test func theSessionLookupReportsTheTermsInForceAndTheirAcceptance() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let now = start.adding(.seconds(3600))
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: now)

            let none = try await fixture.lookUp("session-a", at: now)
            #expect(none.termsInForce == nil)
            #expect(none.hasAcceptedTermsInForce)

            let first = try await fixture.terms.publish(
                try TermsDraft(title: "C.U. 2017", text: "Texte", effectiveAt: "2017-02-15", now: start),
                document: .termsOfUse, context: context, at: start)
            let published = try await fixture.lookUp("session-a", at: now)
            #expect(published.termsInForce == first.version)
            #expect(!published.hasAcceptedTermsInForce)

            _ = try await fixture.terms.accept(version: first.version, accountID: account.id, context: context, at: now)
            let accepted = try await fixture.lookUp("session-a", at: now)
            #expect(accepted.termsInForce == first.version)
            #expect(accepted.hasAcceptedTermsInForce)
            #expect(accepted.account.acceptedTermsVersion == first.version)

            // A version effective on 2017-03-01 changes nothing until that day, then must be accepted.
            let march1 = Timestamp(milliseconds: 1_488_326_400_000)
            let second = try await fixture.terms.publish(
                try TermsDraft(title: "C.U. mars 2017", text: "Texte", effectiveAt: "2017-03-01", now: now),
                document: .termsOfUse, context: context, at: now)
            let before = try await fixture.lookUp("session-a", at: march1.adding(.milliseconds(-1)))
            #expect(before.termsInForce == first.version)
            #expect(before.hasAcceptedTermsInForce)
            let after = try await fixture.lookUp("session-a", at: march1)
            #expect(after.termsInForce == second.version)
            #expect(!after.hasAcceptedTermsInForce)
        }
    }
}
