import Foundation
import MyOpenIPClient
import Testing

/// The escalation the guide's rights must not allow: a user administrator ("Informations société
/// – Modifier") who would make themselves or someone else "Administrateur tout Univers", or lock
/// the company's administrator out.
@Suite("Rights: no escalation")
struct RightsEscalationTests {
    private struct Cast {
        let boss: MyOpenIPClient
        let bossLogin: String
        let chief: MyOpenIPClient
        let chiefLogin: String
        let user: String
        let administrator: Int64
        let viewer: Int64
        let billing: Int64
    }

    /// OIP-00000002 with its administrator (chief, "Administrateur tout Univers"), a user
    /// administrator (boss, company_edit), a user without rights, and two custom rights.
    private func cast(_ daemon: TestDaemon, transport: TestTransport) async throws -> Cast {
        let admin = daemon.operatorClient()
        try await daemon.publishTerms()
        try await daemon.ensureCompany("OIP-00000002", kind: .client)
        let main = try await admin.rights.templates().mainRights
        let administrator = try #require(main.first { $0.main == "administrator" }).id
        let editor = try await admin.rights.create(companyReference: "OIP-00000002", name: "Éditeur", templates: ["company_edit"])
        let viewer = try await admin.rights.create(companyReference: "OIP-00000002", name: "Lecteur", templates: ["company_view"])
        let billing = try await admin.rights.create(companyReference: "OIP-00000002", name: "Compta", templates: ["billing_view"])
        let chiefLogin = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: chiefLogin, rightIDs: [administrator])
        let bossLogin = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: bossLogin, rightIDs: [editor.id])
        let user = try await daemon.createActiveUser(company: "OIP-00000002")
        await admin.close()
        let boss = try await daemon.loggedIn(bossLogin, over: transport)
        try await boss.terms.accept(version: 1)
        let chief = try await daemon.loggedIn(chiefLogin, over: transport)
        try await chief.terms.accept(version: 1)
        return Cast(
            boss: boss, bossLogin: bossLogin, chief: chief, chiefLogin: chiefLogin, user: user, administrator: administrator,
            viewer: viewer.id, billing: billing.id)
    }

    @Test("a user administrator cannot make themselves or anyone else an administrator", arguments: TestTransport.allCases)
    func assigning(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let cast = try await cast(daemon, transport: transport)
            let own = await rpcError {
                try await cast.boss.rights.setUserRights(login: cast.bossLogin, rightIDs: [cast.administrator])
            }
            #expect(own?.code == .failedPrecondition)
            #expect(own?.reason == "OWN_RIGHTS")
            #expect(own?.message == "Vous ne pouvez pas modifier vos propres droits")
            let other = await rpcError {
                try await cast.boss.rights.setUserRights(login: cast.user, rightIDs: [cast.administrator])
            }
            #expect(other?.code == .permissionDenied)
            #expect(other?.reason == "PERMISSION_NOT_HELD")
            #expect(other?.message == "Vous ne pouvez pas donner ou retirer une permission que vous n'avez pas")
            let billing = await rpcError { try await cast.boss.rights.setUserRights(login: cast.user, rightIDs: [cast.billing]) }
            #expect(billing?.reason == "PERMISSION_NOT_HELD")
            // What the user administrator holds, they give.
            let given = try await cast.boss.rights.setUserRights(login: cast.user, rightIDs: [cast.viewer])
            #expect(given.map(\.name) == ["Lecteur"])
            // The boss's own rights did not move.
            #expect(try await cast.boss.identity.whoAmI().rights == ["Éditeur"])
            // The company's administrator gives anything but their own rights.
            #expect(try await cast.chief.rights.setUserRights(login: cast.user, rightIDs: [cast.administrator]).count == 1)
            let chiefOwn = await rpcError { try await cast.chief.rights.setUserRights(login: cast.chiefLogin, rightIDs: []) }
            #expect(chiefOwn?.reason == "OWN_RIGHTS")
            await cast.boss.close()
            await cast.chief.close()
        }
    }

    @Test(
        "a user administrator cannot take rights from, disable or log out the company's administrator",
        arguments: TestTransport.allCases)
    func actingOnTheAdministrator(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let cast = try await cast(daemon, transport: transport)
            let demoted = await rpcError { try await cast.boss.rights.setUserRights(login: cast.chiefLogin, rightIDs: []) }
            #expect(demoted?.reason == "PERMISSION_NOT_HELD")
            for attempt in [
                { _ = try await cast.boss.identity.disableAccount(login: cast.chiefLogin) },
                { _ = try await cast.boss.identity.revokeSessions(login: cast.chiefLogin) },
                { _ = try await cast.boss.identity.resetPassword(login: cast.chiefLogin) },
            ] as [@Sendable () async throws -> Void] {
                let refused = await rpcError { try await attempt() }
                #expect(refused?.code == .permissionDenied)
                #expect(refused?.reason == "ACCOUNT_MORE_PRIVILEGED")
            }
            // The administrator still works; the user administrator still manages the others.
            #expect(try await cast.chief.identity.whoAmI().rights == ["Administrateur tout Univers"])
            _ = try await cast.boss.identity.disableAccount(login: cast.user)
            await cast.boss.close()
            await cast.chief.close()
        }
    }

    @Test("custom rights: no permission the caller lacks is put in, taken out, or taken away by deleting")
    func customRights() async throws {
        try await withTestDaemon { daemon async throws in
            let cast = try await cast(daemon, transport: .tcp)
            let created = await rpcError {
                try await cast.boss.rights.create(companyReference: "OIP-00000002", name: "Tout", templates: ["billing_view"])
            }
            #expect(created?.reason == "PERMISSION_NOT_HELD")
            _ = try await cast.boss.rights.create(companyReference: "OIP-00000002", name: "Lire", templates: ["company_view"])
            // Taking billing out of a right is taking it from its holders.
            let narrowed = await rpcError { try await cast.boss.rights.update(id: cast.billing, templates: ["company_view"]) }
            #expect(narrowed?.reason == "PERMISSION_NOT_HELD")
            let admin = daemon.operatorClient()
            try await admin.rights.setUserRights(login: cast.user, rightIDs: [cast.billing])
            let deleted = await rpcError { try await cast.boss.rights.delete(id: cast.billing) }
            #expect(deleted?.reason == "PERMISSION_NOT_HELD")
            // A right the user administrator holds is theirs: its templates are not theirs to change.
            let editor = try #require(
                try await admin.rights.list(companyReference: "OIP-00000002").first { $0.name == "Éditeur" })
            let own = await rpcError {
                try await cast.boss.rights.update(id: editor.id, templates: ["company_edit", "company_view"])
            }
            #expect(own?.reason == "OWN_RIGHTS")
            #expect(try await cast.boss.rights.update(id: editor.id, name: "Éditeur principal").name == "Éditeur principal")
            await admin.close()
            await cast.boss.close()
            await cast.chief.close()
        }
    }
}
