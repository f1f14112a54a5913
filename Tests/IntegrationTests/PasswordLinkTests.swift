import Foundation
import MyOpenIPClient
import Testing

@Suite("Identity: password links")
struct PasswordLinkTests {
    @Test("a link expires after 72 hours")
    func expiry() async throws {
        try await withTestDaemon { daemon async throws in
            let (_, token) = try await daemon.createUser()
            daemon.clock.advance(by: .seconds(72 * 3600 + 1))
            let user = daemon.client(.tcp)
            let error = await rpcError {
                try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.reason == "PASSWORD_LINK_EXPIRED")
            #expect(error?.message == "Ce lien d'initialisation du mot de passe a expiré. Veuillez en demander un nouveau.")
            await user.close()
        }
    }

    @Test("a new link voids the old one")
    func newLinkVoidsOld() async throws {
        try await withTestDaemon { daemon async throws in
            let (account, oldToken) = try await daemon.createUser()
            let admin = daemon.operatorClient()
            let expiry = try await admin.identity.resetPassword(login: account.login)
            #expect(expiry.iso8601 == daemon.clock.timestamp().adding(.seconds(72 * 3600)).iso8601)
            let mails = try await admin.mail.list(accountLogin: account.login).mails
            #expect(mails.count == 2)
            #expect(mails[0].template == "password_reset")
            let newToken = try #require(linkToken(in: mails[0].body))

            let user = daemon.client(.tcp)
            let old = await rpcError {
                try await user.identity.setPassword(token: oldToken, password: goodPassword, confirmation: goodPassword)
            }
            #expect(old?.reason == "PASSWORD_LINK_INVALID")
            #expect(
                try await user.identity.setPassword(token: newToken, password: goodPassword, confirmation: goodPassword)
                    == account.login)
            await user.close()
            await admin.close()
        }
    }

    @Test("an unknown or empty token is refused")
    func unknownToken() async throws {
        try await withTestDaemon { daemon async throws in
            let user = daemon.client(.tcp)
            for token in ["", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", String(repeating: "x", count: 5000)] {
                let error = await rpcError {
                    try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
                }
                #expect(error?.code == .notFound)
                #expect(error?.reason == "PASSWORD_LINK_INVALID")
            }
            await user.close()
        }
    }

    @Test("anyone may ask for a new link, once in 5 minutes; the answer does not tell whether the account exists")
    func requestReset() async throws {
        try await withTestDaemon { daemon async throws in
            let (account, _) = try await daemon.createUser(email: "bob@example.fr")
            let anonymous = daemon.client(.tcp)
            // Right after the initialisation mail, a request sends nothing more…
            try await anonymous.identity.requestPasswordReset(identifier: "bob@example.fr")
            daemon.clock.advance(by: .seconds(5 * 60 + 1))
            // …then one does, and asking again at once does not.
            try await anonymous.identity.requestPasswordReset(identifier: "BOB@example.fr")
            try await anonymous.identity.requestPasswordReset(identifier: account.login)
            try await anonymous.identity.requestPasswordReset(identifier: "nobody@example.fr")
            try await anonymous.identity.requestPasswordReset(identifier: "E-0000009999")
            let admin = daemon.operatorClient()
            let mails = try await admin.mail.list().mails
            #expect(mails.count == 2)
            #expect(mails.allSatisfy { $0.accountLogin == account.login })
            await anonymous.close()
            await admin.close()
        }
    }

    @Test("a sent mail no longer shows its link's secret")
    func markSent() async throws {
        try await withTestDaemon { daemon async throws in
            let (account, token) = try await daemon.createUser()
            let admin = daemon.operatorClient()
            let mail = try #require(try await admin.mail.list(accountLogin: account.login, unsentOnly: true).mails.first)
            let sent = try await admin.mail.markSent(id: mail.id)
            #expect(sent.hasSentAt)
            #expect(!sent.body.contains(token))
            #expect(sent.body.contains("[lien envoyé]"))
            #expect(try await admin.mail.list(unsentOnly: true).mails.isEmpty)
            // The link itself still works: only the outbox forgot it.
            let user = daemon.client(.tcp)
            #expect(
                try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
                    == account.login)
            let unknown = await rpcError { try await admin.mail.get(id: 999) }
            #expect(unknown?.code == .notFound)
            await user.close()
            await admin.close()
        }
    }
}
