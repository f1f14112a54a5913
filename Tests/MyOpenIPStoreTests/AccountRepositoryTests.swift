import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite identity repository: accounts")
struct AccountRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    @Test func accountsGetLoginsInSequenceWithOneMailAndTheirAuditEvents() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let second = try await fixture.createAccount(
                email: "marie@openip.example", name: "Marie Curie", kind: .operatorStaff, company: "", linkDigest: "link-2")

            #expect(first.login.description == "E-0000000001")
            #expect(second.login.description == "E-0000000002")
            #expect(first.displayName == "Jean Dupont")
            #expect(first.email == "jean@example.fr")
            #expect(first.kind == .clientUser)
            #expect(first.companyReference == "OIP-00000002")
            #expect(second.kind == .operatorStaff)
            #expect(second.companyReference == nil)
            #expect(first.storedState == .pendingPassword)
            #expect(first.state(at: start) == .pendingPassword)
            #expect(first.passwordHash == nil)
            #expect(first.passwordSetAt == nil)
            #expect(first.failedLogins == 0)
            #expect(first.lockedUntil == nil)
            #expect(first.createdAt == start)
            #expect(first.acceptedTermsVersion == nil)

            // Exactly one mail per account, carrying its link.
            #expect(try await fixture.allMails().count == 2)
            for (account, digest) in [(first, "link-1"), (second, "link-2")] {
                let page = try await fixture.mails.mails(MailFilter(accountLogin: account.login), page: PageRequest())
                #expect(page.items.count == 1)
                #expect(page.nextCursor == nil)
                let mail = try #require(page.items.first)
                #expect(mail.accountLogin == account.login.description)
                #expect(mail.recipient == account.email)
                #expect(mail.subject == "\(account.login) votre requete à bien été traitée")
                #expect(mail.template == "password_initialisation")
                #expect(mail.body.contains("Initialisation du mot de passe : " + IdentityFixture.url(ofLink: digest)))
                #expect(mail.createdAt == start)
                #expect(mail.sentAt == nil)
            }

            // account.created, then password.link_issued, for each account.
            let events = try await fixture.events(AuditFilter(accountLogin: first.login))
            #expect(events.map(\.action) == ["password.link_issued", "account.created"])
            for event in events {
                #expect(event.actor == "operator(uid=0)")
                #expect(event.accountLogin == "E-0000000001")
                #expect(event.occurredAt == start)
            }
            let created = try #require(events.last)
            #expect(created.details["kind"] == "client_user")
            #expect(created.details["email"] == "jean@example.fr")
            #expect(created.details["company_reference"] == "OIP-00000002")
            let issued = try #require(events.first)
            #expect(issued.details["purpose"] == "password_initialisation")
            #expect(issued.details["expires_at"] == start.adding(IdentityFixture.linkLifetime).iso8601)
            let mailsNow = try await fixture.allMails()
            let firstMail = try #require(mailsNow.last)
            #expect(issued.details["mail"] == String(firstMail.id))
            #expect(try await fixture.events().count == 4)
            #expect(try await fixture.events(AuditFilter(action: "account.created")).count == 2)
        }
    }

    @Test func theLinkIsStoredAsPendingForTheNewAccount() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let found = try await fixture.accounts.passwordLink(tokenDigest: "link-1")
            let (link, owner) = try #require(found)
            #expect(owner == account)
            #expect(link.accountID == account.id)
            #expect(link.purpose == .initialisation)
            #expect(link.createdAt == start)
            #expect(link.expiresAt == start.adding(IdentityFixture.linkLifetime))
            #expect(link.usedAt == nil)
            #expect(link.voidedAt == nil)
            #expect(link.problem(at: start) == nil)
            let unknown = try await fixture.accounts.passwordLink(tokenDigest: "unknown")
            #expect(unknown?.link == nil)
        }
    }

    @Test func accountsAreFoundByLoginOrByEmailWhateverItsCase() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "Jean.Dupont@Example.fr", linkDigest: "link-1")
            #expect(account.email == "Jean.Dupont@example.fr")
            #expect(try await fixture.accounts.account(login: account.login) == account)
            #expect(try await fixture.accounts.account(identifier: "E-0000000001") == account)
            #expect(try await fixture.accounts.account(identifier: "e-0000000001") == account)
            #expect(try await fixture.accounts.account(identifier: "jean.dupont@example.fr") == account)
            #expect(try await fixture.accounts.account(identifier: " JEAN.DUPONT@EXAMPLE.FR ") == account)
            #expect(try await fixture.accounts.account(identifier: "E-0000000002") == nil)
            #expect(try await fixture.accounts.account(identifier: "marie@example.fr") == nil)
        }
    }

    @Test func aDuplicateEmailIsRefusedAndLeavesNothingBehind() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let tables = ["account", "password_link", "mail_outbox", "audit_event"]
            var before: [Int] = []
            for table in tables { before.append(try await fixture.count(table)) }

            await #expect(throws: IdentityMessages.emailTaken) {
                try await fixture.createAccount(email: "JEAN@Example.FR", linkDigest: "link-2")
            }

            var after: [Int] = []
            for table in tables { after.append(try await fixture.count(table)) }
            #expect(after == before)
            #expect(try await fixture.allMails().count == 1)
            #expect(try await fixture.accounts.account(identifier: "jean@example.fr") == first)
            // No login was used up: the next account still gets the next login.
            let next = try await fixture.createAccount(email: "marie@example.fr", linkDigest: "link-3")
            #expect(next.login.description == "E-0000000002")
        }
    }

    @Test func aFailureAfterTheAccountIsWrittenRollsTheWholeCreationBack() async throws {
        try await withIdentityStore { fixture async throws in
            try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let auditRows = try await fixture.count("audit_event")

            // The same link digest breaks the UNIQUE constraint after the account row and its
            // account.created event are written: all of it must go.
            await #expect(throws: DatabaseError.self) {
                try await fixture.createAccount(email: "marie@example.fr", linkDigest: "link-1")
            }

            #expect(try await fixture.count("account") == 1)
            #expect(try await fixture.count("password_link") == 1)
            #expect(try await fixture.count("mail_outbox") == 1)
            #expect(try await fixture.count("audit_event") == auditRows)
            #expect(try await fixture.accounts.account(identifier: "marie@example.fr") == nil)
            let next = try await fixture.createAccount(email: "marie@example.fr", linkDigest: "link-2")
            #expect(next.login.description == "E-0000000002")
        }
    }

    @Test func accountsAreListedInLoginOrderAndFiltered() async throws {
        try await withIdentityStore { fixture async throws in
            try await fixture.createAccount(email: "a@example.fr", linkDigest: "link-1")
            try await fixture.createAccount(
                email: "b@example.fr", kind: .partnerUser, company: "OIP-00000003", linkDigest: "link-2")
            try await fixture.createAccount(email: "c@example.fr", kind: .operatorStaff, company: "", linkDigest: "link-3")

            let first = try await fixture.accounts.accounts(AccountFilter(), page: PageRequest(limit: 2), at: start)
            #expect(first.items.map(\.login.sequence) == [1, 2])
            #expect(first.nextCursor == 2)
            let second = try await fixture.accounts.accounts(
                AccountFilter(), page: PageRequest(limit: 2, cursor: first.nextCursor), at: start)
            #expect(second.items.map(\.login.sequence) == [3])
            #expect(second.nextCursor == nil)

            let staff = try await fixture.accounts.accounts(AccountFilter(kind: .operatorStaff), page: PageRequest(), at: start)
            #expect(staff.items.map(\.email) == ["c@example.fr"])
            let company = try await fixture.accounts.accounts(
                AccountFilter(companyReference: "OIP-00000003"), page: PageRequest(), at: start)
            #expect(company.items.map(\.email) == ["b@example.fr"])
            let pending = try await fixture.accounts.accounts(
                AccountFilter(state: .pendingPassword), page: PageRequest(), at: start)
            #expect(pending.items.count == 3)
            let active = try await fixture.accounts.accounts(AccountFilter(state: .active), page: PageRequest(), at: start)
            #expect(active.items.isEmpty)
        }
    }
}
