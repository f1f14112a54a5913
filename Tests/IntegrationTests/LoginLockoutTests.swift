import Foundation
import MyOpenIPClient
import Testing

@Suite("Identity: failed logins")
struct LoginLockoutTests {
    @Test("5 failures lock the account, for a delay that grows")
    func lockout() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = daemon.client(.tcp)
            for _ in 1...5 {
                let error = await rpcError { try await user.identity.login(identifier: login, password: "Mauvais-1!") }
                #expect(error?.message == "Identifiant ou mot de passe incorrect")
            }
            // Locked: even the right password is refused, with how long to wait.
            let locked = await rpcError { try await user.identity.login(identifier: login, password: goodPassword) }
            #expect(locked?.code == .resourceExhausted)
            #expect(locked?.reason == "ACCOUNT_LOCKED")
            #expect(locked?.message.contains("Réessayez dans 1 minute") == true)
            let admin = daemon.operatorClient()
            #expect(try await admin.identity.account(login: login).state == .locked)

            // One more failure after the first delay locks it for twice as long.
            daemon.clock.advance(by: .seconds(61))
            _ = await rpcError { try await user.identity.login(identifier: login, password: "Mauvais-1!") }
            let longer = await rpcError { try await user.identity.login(identifier: login, password: goodPassword) }
            #expect(longer?.message.contains("Réessayez dans 2 minutes") == true)

            daemon.clock.advance(by: .seconds(121))
            try await user.identity.login(identifier: login, password: goodPassword)
            #expect(try await admin.identity.account(login: login).failedLogins == 0)
            let actions = try await admin.audit.list(accountLogin: login, action: "account.locked").events
            #expect(actions.count == 2)
            await user.close()
            await admin.close()
        }
    }

    @Test("an identifier of no account is locked like an account: the lockout tells nobody which accounts exist")
    func decoyLockout() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = daemon.client(.tcp)
            for attempt in 1...7 {
                let real = await rpcError { try await user.identity.login(identifier: login, password: "Mauvais-1!") }
                let decoy = await rpcError { try await user.identity.login(identifier: "E-0000009999", password: "Mauvais-1!") }
                #expect(real?.code == decoy?.code, "attempt \(attempt)")
                #expect(real?.reason == decoy?.reason, "attempt \(attempt)")
                #expect(real?.message == decoy?.message, "attempt \(attempt)")
                if attempt > 5 { #expect(decoy?.reason == "ACCOUNT_LOCKED") }
            }
            // Its lock runs out as an account's does.
            daemon.clock.advance(by: .seconds(3 * 3600))
            let after = await rpcError { try await user.identity.login(identifier: "e-0000009999", password: "Mauvais-1!") }
            #expect(after?.reason == "INVALID_CREDENTIALS")
            await user.close()
        }
    }

    @Test("one address that fails too many logins is refused for a while; other addresses are not")
    func perAddressThrottle() async throws {
        try await withTestDaemon(failedLoginsPerAddress: 8) { daemon async throws in
            let login = try await daemon.createActiveUser()
            let attacker = daemon.client(.tcp)
            for index in 1...8 {
                let error = await rpcError {
                    try await attacker.identity.login(identifier: "victim\(index)@example.fr", password: "Mauvais-1!")
                }
                #expect(error?.reason == "INVALID_CREDENTIALS")
            }
            let refused = await rpcError { try await attacker.identity.login(identifier: login, password: goodPassword) }
            #expect(refused?.code == .resourceExhausted)
            #expect(refused?.reason == "TOO_MANY_FAILED_LOGINS")
            #expect(refused?.message.hasPrefix("Trop de tentatives de connexion échouées depuis cette adresse") == true)
            // The account itself is not locked: from another address (the operator's socket here), it signs in.
            let other = daemon.client(.unix)
            try await other.identity.login(identifier: login, password: goodPassword)
            // Once the window has passed, the address may try again.
            daemon.clock.advance(by: .seconds(601))
            try await attacker.identity.login(identifier: login, password: goodPassword)
            for client in [attacker, other] { await client.close() }
        }
    }

    @Test("operator staff can lift a lock")
    func enableLiftsLock() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = daemon.client(.tcp)
            for _ in 1...5 { _ = await rpcError { try await user.identity.login(identifier: login, password: "Mauvais-1!") } }
            let admin = daemon.operatorClient()
            #expect(try await admin.identity.enableAccount(login: login).state == .active)
            try await user.identity.login(identifier: login, password: goodPassword)
            await user.close()
            await admin.close()
        }
    }

    @Test("an unknown login gets the same answer as a wrong password, in comparable time")
    func unknownLogin() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = daemon.client(.tcp)
            func failure(_ identifier: String) async -> (RPCError?, Duration) {
                let start = ContinuousClock.now
                let error = await rpcError { try await user.identity.login(identifier: identifier, password: "Mauvais-1!") }
                return (error, ContinuousClock.now - start)
            }
            _ = await failure("nobody@example.fr")  // makes the decoy hash
            let (known, knownTime) = await failure(login)
            let (unknown, unknownTime) = await failure("E-0000009999")
            let (unknownEmail, _) = await failure("nobody@example.fr")
            #expect(known == unknown)
            #expect(known == unknownEmail)
            // Both pay for the KDF: an unknown login is not answered in a fraction of the time.
            #expect(unknownTime > knownTime / 4, "known \(knownTime), unknown \(unknownTime)")
            await user.close()
        }
    }

    @Test("a disabled account cannot log in and loses its sessions")
    func disabled() async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.publishTerms()
            let login = try await daemon.createActiveUser()
            let session = try await daemon.loggedIn(login)
            let admin = daemon.operatorClient()
            #expect(try await admin.identity.disableAccount(login: login).state == .disabled)
            let refused = await rpcError { try await session.terms.get() }
            #expect(refused?.code == .unauthenticated)
            let user = daemon.client(.tcp)
            let error = await rpcError { try await user.identity.login(identifier: login, password: goodPassword) }
            #expect(error?.code == .permissionDenied)
            #expect(error?.reason == "ACCOUNT_DISABLED")
            #expect(try await admin.identity.enableAccount(login: login).state == .active)
            try await user.identity.login(identifier: login, password: goodPassword)
            for client in [session, user, admin] { await client.close() }
        }
    }
}
