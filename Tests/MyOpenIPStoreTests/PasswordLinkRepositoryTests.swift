import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite identity repository: password links")
struct PasswordLinkRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    @Test func setPasswordActivatesTheAccountAndSpendsTheLink() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let at = start.adding(.seconds(60))

            let active = try await fixture.accounts.setPassword(
                linkDigest: "link-1", passwordHash: "$scrypt$test", context: context, at: at)

            #expect(active.id == account.id)
            #expect(active.storedState == .active)
            #expect(active.state(at: at) == .active)
            #expect(active.passwordHash == "$scrypt$test")
            #expect(active.passwordSetAt == at)
            let found = try await fixture.accounts.passwordLink(tokenDigest: "link-1")
            let link = try #require(found).link
            #expect(link.usedAt == at)
            #expect(link.problem(at: at) == IdentityMessages.linkUsed)
            let events = try await fixture.events(AuditFilter(action: "password.set"))
            #expect(events.count == 1)
            #expect(events.first?.details["link"] == "password_initialisation")

            await #expect(throws: IdentityMessages.linkUsed) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-1", passwordHash: "$scrypt$other", context: context, at: at.adding(.seconds(1)))
            }
            let after = try await fixture.accounts.account(login: account.login)
            #expect(after?.passwordHash == "$scrypt$test")
        }
    }

    @Test func anExpiredLinkIsRefused() async throws {
        try await withIdentityStore { fixture async throws in
            let expiry = start.adding(.seconds(3600))
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1", expiresAt: expiry)

            await #expect(throws: IdentityMessages.linkExpired) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-1", passwordHash: "$scrypt$test", context: context, at: expiry)
            }
            await #expect(throws: IdentityMessages.linkExpired) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-1", passwordHash: "$scrypt$test", context: context, at: expiry.adding(.seconds(86_400)))
            }
            let unchanged = try await fixture.accounts.account(login: account.login)
            #expect(unchanged?.storedState == .pendingPassword)
            #expect(unchanged?.passwordHash == nil)

            // One millisecond earlier it still works.
            let active = try await fixture.accounts.setPassword(
                linkDigest: "link-1", passwordHash: "$scrypt$test", context: context, at: expiry.adding(.milliseconds(-1)))
            #expect(active.storedState == .active)
        }
    }

    @Test func anUnknownLinkIsInvalid() async throws {
        try await withIdentityStore { fixture async throws in
            try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            await #expect(throws: IdentityMessages.linkInvalid) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-9", passwordHash: "$scrypt$test", context: context, at: start)
            }
        }
    }

    @Test func aNewLinkVoidsTheOldOne() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let at = start.adding(.seconds(60))
            let expiry = at.adding(.seconds(3600))

            try await fixture.accounts.issuePasswordLink(
                NewPasswordLink(tokenDigest: "link-2", purpose: .reset, expiresAt: expiry), accountID: account.id,
                mail: IdentityFixture.resetMail(for: account, linkDigest: "link-2", expiresAt: expiry), notIfIssuedAfter: nil,
                context: context, at: at)

            let oldFound = try await fixture.accounts.passwordLink(tokenDigest: "link-1")
            let old = try #require(oldFound).link
            #expect(old.voidedAt == at)
            #expect(old.problem(at: at) == IdentityMessages.linkInvalid)
            await #expect(throws: IdentityMessages.linkInvalid) {
                try await fixture.accounts.setPassword(
                    linkDigest: "link-1", passwordHash: "$scrypt$test", context: context, at: at)
            }

            let newFound = try await fixture.accounts.passwordLink(tokenDigest: "link-2")
            let new = try #require(newFound).link
            #expect(new.purpose == .reset)
            #expect(new.expiresAt == expiry)
            #expect(new.voidedAt == nil)
            let page = try await fixture.mails.mails(MailFilter(accountLogin: account.login), page: PageRequest())
            #expect(page.items.count == 2)
            #expect(page.items.first?.template == "password_reset")
            #expect(page.items.first?.recipient == "jean@example.fr")
            #expect(try await fixture.events(AuditFilter(action: "password.link_issued")).count == 2)

            let active = try await fixture.accounts.setPassword(
                linkDigest: "link-2", passwordHash: "$scrypt$test", context: context, at: at.adding(.seconds(1)))
            #expect(active.storedState == .active)
            let spentFound = try await fixture.accounts.passwordLink(tokenDigest: "link-2")
            let spent = try #require(spentFound).link
            #expect(spent.usedAt == at.adding(.seconds(1)))
        }
    }

    @Test func aLinkIsNotIssuedAgainWithinTheQuietPeriod() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let at = start.adding(.seconds(60))
            let expiry = at.adding(.seconds(3600))
            let issued = try await fixture.accounts.issuePasswordLink(
                NewPasswordLink(tokenDigest: "link-2", purpose: .reset, expiresAt: expiry), accountID: account.id,
                mail: IdentityFixture.resetMail(for: account, linkDigest: "link-2", expiresAt: expiry),
                notIfIssuedAfter: at.adding(.seconds(-300)), context: context, at: at)
            #expect(!issued)
            #expect(try await fixture.accounts.passwordLink(tokenDigest: "link-2") == nil)
            let old = try #require(try await fixture.accounts.passwordLink(tokenDigest: "link-1"))
            #expect(old.link.voidedAt == nil)
        }
    }
}
