import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite mail outbox repository")
struct MailOutboxRepositoryTests {
    typealias Fixture = IdentityFixture
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    @Test func markSentBlanksTheSecretOutOfTheBody() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let queue = try await fixture.allMails()
            let queued = try #require(queue.first)
            let token = Fixture.token(ofLink: "link-1")
            #expect(queued.body.contains(token))
            let sentAt = start.adding(.seconds(5))

            let marked = try await fixture.mails.markSent(id: queued.id, context: context, at: sentAt)
            let sent = try #require(marked)

            #expect(sent.id == queued.id)
            #expect(sent.sentAt == sentAt)
            #expect(!sent.body.contains(token))
            #expect(SQLiteMailOutboxRepository.blankedSecret == "[lien envoyé]")
            #expect(sent.body == queued.body.replacingOccurrences(of: token, with: SQLiteMailOutboxRepository.blankedSecret))
            #expect(
                sent.body.contains(
                    "Initialisation du mot de passe : https://myopenip.example/mot-de-passe?token=[lien envoyé]"))
            #expect(sent.subject == queued.subject)
            #expect(sent.recipient == queued.recipient)
            #expect(sent.accountLogin == account.login.description)
            #expect(try await fixture.mails.mail(id: queued.id) == sent)

            let events = try await fixture.events(AuditFilter(action: "mail.sent"))
            #expect(events.count == 1)
            #expect(events.first?.accountLogin == account.login.description)
            #expect(events.first?.details == ["mail": String(queued.id)])
        }
    }

    @Test func markingASentMailAgainChangesNothing() async throws {
        try await withIdentityStore { fixture async throws in
            try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let queue = try await fixture.allMails()
            let queued = try #require(queue.first)
            let first = try await fixture.mails.markSent(id: queued.id, context: context, at: start)

            let again = try await fixture.mails.markSent(id: queued.id, context: context, at: start.adding(.seconds(60)))

            #expect(again == first)
            #expect(again?.sentAt == start)
            #expect(try await fixture.events(AuditFilter(action: "mail.sent")).count == 1)
        }
    }

    @Test func unknownMailsAreNil() async throws {
        try await withIdentityStore { fixture async throws in
            #expect(try await fixture.mails.mail(id: 1) == nil)
            #expect(try await fixture.mails.markSent(id: 999, context: context, at: start) == nil)
            #expect(try await fixture.events(AuditFilter(action: "mail.sent")).isEmpty)
        }
    }

    @Test func unsentOnlyLeavesOutTheSentMails() async throws {
        try await withIdentityStore { fixture async throws in
            for index in 1...3 {
                try await fixture.createAccount(email: "user\(index)@example.fr", linkDigest: "link-\(index)")
            }
            let all = try await fixture.allMails()
            #expect(all.count == 3)
            let middle = all[1]
            _ = try await fixture.mails.markSent(id: middle.id, context: context, at: start)

            let unsent = try await fixture.mails.mails(MailFilter(unsentOnly: true), page: PageRequest())
            #expect(unsent.items.map(\.id) == [all[0].id, all[2].id])
            #expect(unsent.items.allSatisfy { $0.sentAt == nil })
            let everything = try await fixture.mails.mails(MailFilter(), page: PageRequest())
            #expect(everything.items.map(\.id) == all.map(\.id))
        }
    }

    @Test func mailsArePagedNewestFirst() async throws {
        try await withIdentityStore { fixture async throws in
            for index in 1...5 {
                try await fixture.createAccount(
                    email: "user\(index)@example.fr", linkDigest: "link-\(index)", at: start.adding(.seconds(Int64(index))))
            }
            let all = try await fixture.allMails()
            let expectedLogins: [String?] = ["E-0000000005", "E-0000000004", "E-0000000003", "E-0000000002", "E-0000000001"]
            #expect(all.map(\.accountLogin) == expectedLogins)
            let ids = all.map(\.id)
            #expect(ids == ids.sorted(by: >))

            let first = try await fixture.mails.mails(MailFilter(), page: PageRequest(limit: 2))
            #expect(first.items.map(\.id) == Array(ids[0..<2]))
            #expect(first.nextCursor == ids[1])
            let second = try await fixture.mails.mails(MailFilter(), page: PageRequest(limit: 2, cursor: first.nextCursor))
            #expect(second.items.map(\.id) == Array(ids[2..<4]))
            #expect(second.nextCursor == ids[3])
            let third = try await fixture.mails.mails(MailFilter(), page: PageRequest(limit: 2, cursor: second.nextCursor))
            #expect(third.items.map(\.id) == [ids[4]])
            #expect(third.nextCursor == nil)

            // A page exactly as long as what is left has no next cursor.
            let exact = try await fixture.mails.mails(MailFilter(), page: PageRequest(limit: 5))
            #expect(exact.items.count == 5)
            #expect(exact.nextCursor == nil)
        }
    }

    @Test func mailsAreFilteredByAccount() async throws {
        try await withIdentityStore { fixture async throws in
            try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let marie = try await fixture.createAccount(email: "marie@example.fr", linkDigest: "link-2")

            let page = try await fixture.mails.mails(MailFilter(accountLogin: marie.login), page: PageRequest())
            #expect(page.items.map(\.recipient) == ["marie@example.fr"])
            let nobody = try #require(AccountLogin(sequence: 3))
            #expect(try await fixture.mails.mails(MailFilter(accountLogin: nobody), page: PageRequest()).items.isEmpty)
        }
    }
}
