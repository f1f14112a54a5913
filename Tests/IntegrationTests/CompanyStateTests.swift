import Foundation
import MyOpenIPClient
import Testing

/// A company's state means something: a suspended company's users read but do not write; a
/// closed company's users no longer sign in, and their sessions end at once.
@Suite("Company state")
struct CompanyStateTests {
    private func setState(_ state: Myopenip_V1_CompanyState, _ daemon: TestDaemon) async throws {
        let admin = daemon.operatorClient()
        var change = Myopenip_V1_Company()
        change.state = state
        _ = try await admin.companies.update(reference: "OIP-00000002", company: change, fields: ["state"])
        await admin.close()
    }

    /// The administrator of OIP-00000002, logged in over `transport`, and their login.
    private func administrator(_ daemon: TestDaemon, over transport: TestTransport) async throws -> (MyOpenIPClient, String) {
        let admin = daemon.operatorClient()
        try await daemon.publishTerms()
        try await daemon.ensureCompany("OIP-00000002", kind: .client)
        let main = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
        let login = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: login, rightIDs: [main.id])
        await admin.close()
        let user = try await daemon.loggedIn(login, over: transport)
        try await user.terms.accept(version: 1)
        return (user, login)
    }

    @Test("a suspended company's users read but do not write; operator staff still do", arguments: TestTransport.allCases)
    func suspended(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let (user, _) = try await administrator(daemon, over: transport)
            try await setState(.suspended, daemon)
            #expect(try await user.companies.get(reference: "OIP-00000002").state == .suspended)
            #expect(!(try await user.sites.list(companyReference: "OIP-00000002").isEmpty))
            var site = Myopenip_V1_SiteFields()
            site.name = "Agence"
            site.address.street = "1 rue de la Paix"
            site.address.postcode = "75002"
            site.address.city = "Paris"
            let refused = await rpcError { try await user.sites.create(companyReference: "OIP-00000002", fields: site) }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.reason == "COMPANY_SUSPENDED")
            #expect(
                refused?.message
                    == "Votre société est suspendue : vous pouvez consulter MyOpenIP, mais pas y faire de modification.")
            let admin = daemon.operatorClient()
            _ = try await admin.sites.create(companyReference: "OIP-00000002", fields: site)
            // Back to active, the users write again.
            try await setState(.active, daemon)
            site.name = "Agence 2"
            _ = try await user.sites.create(companyReference: "OIP-00000002", fields: site)
            let events = try await admin.audit.list(action: "company.updated", companyReference: "OIP-00000002").events
            #expect(events.map { $0.details["after.state"] } == ["active", "suspended"])
            await admin.close()
            await user.close()
        }
    }

    @Test("a closed company's users lose their sessions at once and cannot sign in again", arguments: TestTransport.allCases)
    func closed(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let (user, login) = try await administrator(daemon, over: transport)
            try await setState(.closed, daemon)
            let next = await rpcError { try await user.identity.whoAmI() }
            #expect(next?.code == .unauthenticated)
            #expect(next?.reason == "COMPANY_CLOSED")
            #expect(next?.message == "L'accès à MyOpenIP de votre société est fermé. Contactez OpenIP pour le rétablir.")
            let again = daemon.client(transport)
            let login2 = await rpcError { try await again.identity.login(identifier: login, password: goodPassword) }
            #expect(login2?.code == .unauthenticated)
            #expect(login2?.reason == "COMPANY_CLOSED")
            // A wrong password still says only that the credentials are wrong.
            let wrong = await rpcError { try await again.identity.login(identifier: login, password: "Wrong-password-1!") }
            #expect(wrong?.reason == "INVALID_CREDENTIALS")
            // Operator staff still see the company; reopened, its users sign in again.
            let admin = daemon.operatorClient()
            #expect(try await admin.companies.get(reference: "OIP-00000002").state == .closed)
            try await setState(.active, daemon)
            _ = try await again.identity.login(identifier: login, password: goodPassword)
            #expect(try await again.identity.whoAmI().account.login == login)
            await admin.close()
            await again.close()
            await user.close()
        }
    }
}
