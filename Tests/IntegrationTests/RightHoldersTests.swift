import Foundation
import MyOpenIPClient
import Testing

/// Who holds what: the rights of a user, the holders of a right, within the caller's scope.
@Suite("Right holders")
struct RightHoldersTests {
    @Test("a user's rights and a right's holders, another tenant's answering NOT_FOUND", arguments: TestTransport.allCases)
    func holders(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
            let billing = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Comptabilité", templates: ["billing_view"])
            let foreign = try await admin.rights.create(
                companyReference: "OIP-00000003", name: "Comptabilité", templates: ["billing_view"])
            let bossLogin = try await daemon.createActiveUser()
            try await admin.rights.setUserRights(login: bossLogin, rightIDs: [administrator.id])
            let accountant = try await daemon.createActiveUser()
            try await admin.rights.setUserRights(login: accountant, rightIDs: [billing.id])
            let outsider = try await daemon.createActiveUser(company: "OIP-00000003")
            try await admin.rights.setUserRights(login: outsider, rightIDs: [administrator.id, foreign.id])

            let boss = try await daemon.loggedIn(bossLogin, over: transport)
            #expect(try await boss.rights.held(by: accountant).map(\.name) == ["Comptabilité"])
            #expect(try await boss.rights.get(id: billing.id).name == "Comptabilité")
            #expect(try await boss.rights.get(id: administrator.id).main == "administrator")
            let holders = try await boss.identity.listAccounts(holdingRight: administrator.id).accounts.map(\.login)
            #expect(holders == [bossLogin])
            #expect(try await boss.identity.listAccounts(holdingRight: billing.id).accounts.map(\.login) == [accountant])
            // Operator staff see every company's holders, or one company's.
            #expect(
                try await admin.identity.listAccounts(holdingRight: administrator.id).accounts.map(\.login) == [
                    bossLogin, outsider,
                ])
            #expect(
                try await admin.identity.listAccounts(companyReference: "OIP-00000003", holdingRight: administrator.id).accounts
                    .map(\.login) == [outsider])

            // Another tenant's user and right do not exist for this administrator.
            let user = await rpcError { try await boss.rights.held(by: outsider) }
            #expect(user?.code == .notFound)
            let right = await rpcError { try await boss.rights.get(id: foreign.id) }
            #expect(right?.code == .notFound)
            let listed = await rpcError { try await boss.identity.listAccounts(holdingRight: foreign.id) }
            #expect(listed?.code == .notFound)
            #expect(listed?.field == "right_id")
            let missing = await rpcError { try await boss.rights.get(id: 9_999) }
            #expect(missing?.code == .notFound)
            for client in [admin, boss] { await client.close() }
        }
    }
}
