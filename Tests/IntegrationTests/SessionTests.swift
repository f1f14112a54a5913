import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import Testing

@Suite("Identity: sessions")
struct SessionTests {
    @Test("two sessions: one revoked, the other goes on; operator staff revoke them all")
    func twoSessions() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let first = try await daemon.loggedIn(login, over: .tcp)
            let second = try await daemon.loggedIn(login, over: .unix)
            try await first.identity.logout()
            #expect(try await second.identity.whoAmI().account.login == login)

            let third = try await daemon.loggedIn(login)
            let admin = daemon.operatorClient()
            #expect(try await admin.identity.revokeSessions(login: login) == 2)
            for client in [second, third] {
                let error = await rpcError { try await client.identity.whoAmI() }
                #expect(error?.reason == "SESSION_INVALID")
            }
            for client in [first, second, third, admin] { await client.close() }
        }
    }

    @Test("a session ends after 30 idle minutes, and each call pushes that back")
    func idleTimeout() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            for _ in 1...3 {
                daemon.clock.advance(by: .seconds(20 * 60))
                let me = try await user.identity.whoAmI()
                let expiry = try #require(Timestamp(seconds: me.sessionExpiresAt.seconds, nanos: me.sessionExpiresAt.nanos))
                #expect(expiry == daemon.clock.timestamp().adding(.seconds(30 * 60)))
            }
            daemon.clock.advance(by: .seconds(31 * 60))
            let error = await rpcError { try await user.identity.whoAmI() }
            #expect(error?.code == .unauthenticated)
            await user.close()
        }
    }

    @Test("a session ends 12 hours after login however busy it is")
    func absoluteLifetime() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            for _ in 1...35 {
                daemon.clock.advance(by: .seconds(20 * 60))
                _ = try await user.identity.whoAmI()
            }
            daemon.clock.advance(by: .seconds(20 * 60 + 1))
            let error = await rpcError { try await user.identity.whoAmI() }
            #expect(error?.reason == "SESSION_INVALID")
            await user.close()
        }
    }

    @Test("changing the password closes the other sessions")
    func changePassword() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let first = try await daemon.loggedIn(login)
            let second = try await daemon.loggedIn(login)
            let wrong = await rpcError {
                try await first.identity.changePassword(current: "Mauvais-1!", new: "Autre-92110!", confirmation: "Autre-92110!")
            }
            #expect(wrong?.reason == "CURRENT_PASSWORD_WRONG")
            let weak = await rpcError {
                try await first.identity.changePassword(current: goodPassword, new: "faible", confirmation: "faible")
            }
            #expect(weak?.message == "Votre mot de passe doit comporter au moins 8 caractères")
            #expect(weak?.field == "new_password")
            #expect(
                try await first.identity.changePassword(current: goodPassword, new: "Autre-92110!", confirmation: "Autre-92110!")
                    == 1)
            #expect(try await first.identity.whoAmI().account.login == login)
            let closed = await rpcError { try await second.identity.whoAmI() }
            #expect(closed?.reason == "SESSION_INVALID")
            let user = daemon.client(.tcp)
            try await user.identity.login(identifier: login, password: "Autre-92110!")
            for client in [first, second, user] { await client.close() }
        }
    }

    @Test("missing, malformed and unknown tokens are UNAUTHENTICATED; a session without the right is PERMISSION_DENIED")
    func accessErrors() async throws {
        try await withTestDaemon { daemon async throws in
            let anonymous = daemon.client(.tcp)
            let missing = await rpcError { try await anonymous.identity.whoAmI() }
            #expect(missing?.code == .unauthenticated)
            #expect(missing?.reason == "AUTHENTICATION_REQUIRED")

            anonymous.metadata = ["authorization": "Basic dXNlcjpwYXNz"]
            let malformed = await rpcError { try await anonymous.identity.whoAmI() }
            #expect(malformed?.reason == "MALFORMED_AUTHORIZATION")
            anonymous.sessionToken = "not-a-session"
            let unknown = await rpcError { try await anonymous.identity.whoAmI() }
            #expect(unknown?.reason == "SESSION_INVALID")
            // Public methods ignore tokens.
            #expect(try await anonymous.health.check() == .serving)

            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            let denied = await rpcError { try await user.identity.listAccounts() }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.reason == "PERMISSION_REQUIRED")
            // The session wins over the operator's uid on the Unix socket.
            let overUnix = try await daemon.loggedIn(login, over: .unix)
            let stillDenied = await rpcError { try await overUnix.audit.list() }
            #expect(stillDenied?.code == .permissionDenied)
            for client in [anonymous, user, overUnix] { await client.close() }
        }
    }

    @Test("an operator staff account may call operator methods over TCP")
    func staffAccount() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .operatorStaff)
            let staff = try await daemon.loggedIn(login, over: .tcp)
            let me = try await staff.identity.whoAmI()
            #expect(me.isOperator)
            #expect(me.account.kind == .operatorStaff)
            let accounts = try await staff.identity.listAccounts().accounts
            #expect(accounts.map(\.login) == [login])
            let events = try await staff.audit.list(accountLogin: login, action: "login.succeeded").events
            #expect(events.first?.actor == login)
            await staff.close()
        }
    }
}
