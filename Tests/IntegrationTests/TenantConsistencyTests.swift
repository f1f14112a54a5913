import Foundation
import MyOpenIPClient
import Testing

/// Another tenant's company is NOT_FOUND in every list filtered on it, as everywhere else, and a
/// company's audit trail includes the events about its users.
@Suite("Tenant consistency of lists filtered on a company")
struct TenantConsistencyTests {
    @Test(
        "users and audit events of another tenant's company are NOT_FOUND, not an empty list", arguments: TestTransport.allCases)
    func otherTenant(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.publishTerms()
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
            let login = try await daemon.createActiveUser(company: "OIP-00000002")
            try await admin.rights.setUserRights(login: login, rightIDs: [administrator.id])
            let boss = try await daemon.loggedIn(login, over: transport)
            try await boss.terms.accept(version: 1)

            let users = await rpcError { try await boss.identity.listAccounts(companyReference: "OIP-00000003") }
            #expect(users?.code == .notFound)
            #expect(users?.reason == "COMPANY_NOT_FOUND")
            #expect(users?.field == "company_reference")
            let audit = await rpcError { try await boss.audit.list(companyReference: "OIP-00000003") }
            #expect(audit?.code == .notFound)
            #expect(audit?.reason == "COMPANY_NOT_FOUND")

            // The company's own trail has the events about its users: their creation, their rights.
            let actions = Set(try await boss.audit.list(companyReference: "OIP-00000002").events.map(\.action))
            #expect(actions.isSuperset(of: ["account.created", "password.set", "rights.assigned", "login.succeeded"]))
            // Operator staff see the other company's (empty) list.
            #expect(try await admin.identity.listAccounts(companyReference: "OIP-00000003").accounts.isEmpty)
            await boss.close()
            await admin.close()
        }
    }
}
