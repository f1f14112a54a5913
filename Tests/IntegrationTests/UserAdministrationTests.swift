import Foundation
import MyOpenIPClient
import Testing

/// A company's user administrator manages the accounts of their company: disables and enables
/// them, sends them a new password link, ends their sessions; never another company's users, nor
/// their own account.
@Suite("User administration by a company administrator")
struct UserAdministrationTests {
    @Test("an administrator disables, enables, resets and revokes their own users only", arguments: TestTransport.allCases)
    func administratorManagesTheirUsers(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.publishTerms()
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
            let bossLogin = try await daemon.createActiveUser(company: "OIP-00000002")
            try await admin.rights.setUserRights(login: bossLogin, rightIDs: [administrator.id])
            let employeeLogin = try await daemon.createActiveUser(company: "OIP-00000002")
            let outsiderLogin = try await daemon.createActiveUser(company: "OIP-00000003")

            let boss = try await daemon.loggedIn(bossLogin, over: transport)
            try await boss.terms.accept(version: 1)
            let employee = try await daemon.loggedIn(employeeLogin, over: transport)
            try await employee.terms.accept(version: 1)

            // Ending the employee's sessions logs them out.
            #expect(try await boss.identity.revokeSessions(login: employeeLogin) == 1)
            let revoked = await rpcError { try await employee.identity.whoAmI() }
            #expect(revoked?.code == .unauthenticated)

            // Disabled, the employee can no longer log in; enabled again, they can.
            #expect(try await boss.identity.disableAccount(login: employeeLogin).state == .disabled)
            let refused = await rpcError { try await employee.identity.login(identifier: employeeLogin, password: goodPassword) }
            #expect(refused?.code == .permissionDenied)
            #expect(try await boss.identity.enableAccount(login: employeeLogin).state == .active)
            try await employee.identity.login(identifier: employeeLogin, password: goodPassword)

            // A new password link goes to the employee by mail.
            let before = try await admin.mail.list(accountLogin: employeeLogin).mails.count
            _ = try await boss.identity.resetPassword(login: employeeLogin)
            #expect(try await admin.mail.list(accountLogin: employeeLogin).mails.count == before + 1)

            // Another company's user does not exist for this administrator; operator staff neither.
            let staffLogin = try await daemon.createActiveUser(kind: .operatorStaff)
            for login in [outsiderLogin, staffLogin] {
                for call in [
                    { _ = try await boss.identity.disableAccount(login: login) },
                    { _ = try await boss.identity.enableAccount(login: login) },
                    { _ = try await boss.identity.resetPassword(login: login) },
                    { _ = try await boss.identity.revokeSessions(login: login) },
                ] as [@Sendable () async throws -> Void] {
                    let error = await rpcError { try await call() }
                    #expect(error?.code == .notFound, "\(login): \(String(describing: error))")
                }
            }
            #expect(try await admin.identity.account(login: outsiderLogin).state == .active)

            // Nobody disables their own account.
            let selfDisable = await rpcError { try await boss.identity.disableAccount(login: bossLogin) }
            #expect(selfDisable?.code == .failedPrecondition)
            #expect(selfDisable?.reason == "OWN_ACCOUNT")
            #expect(selfDisable?.message == "Vous ne pouvez pas désactiver votre propre compte")

            // The audit trail names the administrator as the author.
            let events = try await boss.audit.list(accountLogin: employeeLogin)
            let actions = events.events.filter { $0.actor == bossLogin }.map(\.action)
            #expect(actions.contains("account.disabled"))
            #expect(actions.contains("account.enabled"))

            for client in [admin, boss, employee] { await client.close() }
        }
    }
}
