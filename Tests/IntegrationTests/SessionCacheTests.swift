import Foundation
import MyOpenIPClient
import Testing

/// Sessions are authenticated from memory once seen; every change of what a session may do is
/// seen by the very next call, whichever connection makes it.
@Suite("Session cache")
struct SessionCacheTests {
    /// A client user of OIP-00000002 holding "Univers Client", signed in over TCP, whose session
    /// has been used once (so that it is cached).
    static func warmUser(_ daemon: TestDaemon) async throws -> (login: String, client: MyOpenIPClient) {
        let admin = daemon.operatorClient()
        let login = try await daemon.createActiveUser()
        let universe = try #require(try await admin.rights.templates().mainRights.first { $0.main == "client_universe" })
        try await admin.rights.setUserRights(login: login, rightIDs: [universe.id])
        await admin.close()
        let client = try await daemon.loggedIn(login, over: .tcp)
        _ = try await client.companies.get(reference: "OIP-00000002")
        _ = try await client.companies.get(reference: "OIP-00000002")
        return (login, client)
    }

    @Test("the very next call sees a logout, a revocation, a disabled account and a password change")
    func sessionsEnd() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()

            let (_, first) = try await Self.warmUser(daemon)
            let token = try #require(first.sessionToken)
            let sameSession = daemon.client(.unix)
            sameSession.sessionToken = token
            _ = try await sameSession.identity.whoAmI()
            try await first.identity.logout()
            #expect(await rpcError { try await sameSession.identity.whoAmI() }?.reason == "SESSION_INVALID")

            let (second, secondClient) = try await Self.warmUser(daemon)
            _ = try await admin.identity.revokeSessions(login: second)
            #expect(await rpcError { try await secondClient.identity.whoAmI() }?.reason == "SESSION_INVALID")

            let (third, thirdClient) = try await Self.warmUser(daemon)
            _ = try await admin.identity.disableAccount(login: third)
            #expect(await rpcError { try await thirdClient.identity.whoAmI() }?.reason == "SESSION_INVALID")

            let (fourth, fourthClient) = try await Self.warmUser(daemon)
            let other = try await daemon.loggedIn(fourth, over: .unix)
            _ = try await other.identity.whoAmI()
            _ = try await fourthClient.identity.changePassword(
                current: goodPassword, new: "Autre-92110!", confirmation: "Autre-92110!")
            // The session that changed the password goes on; the account's other sessions end.
            _ = try await fourthClient.identity.whoAmI()
            #expect(await rpcError { try await other.identity.whoAmI() }?.reason == "SESSION_INVALID")
            for client in [admin, first, sameSession, secondClient, thirdClient, fourthClient, other] { await client.close() }
        }
    }

    @Test("the very next call sees rights given, taken or redefined, and the company's state")
    func permissionsChange() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let (login, user) = try await Self.warmUser(daemon)

            // Rights taken away: reading the company is refused at once.
            try await admin.rights.setUserRights(login: login, rightIDs: [])
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.code == .permissionDenied)
            // A custom right given, then redefined without its reading template.
            let custom = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Lecteur", templates: ["company_view"])
            try await admin.rights.setUserRights(login: login, rightIDs: [custom.id])
            _ = try await user.companies.get(reference: "OIP-00000002")
            _ = try await admin.rights.update(id: custom.id, templates: ["billing_view"])
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.code == .permissionDenied)
            _ = try await admin.rights.update(id: custom.id, templates: ["company_view"])
            _ = try await user.companies.get(reference: "OIP-00000002")
            // The right deleted.
            _ = try await admin.rights.delete(id: custom.id)
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.code == .permissionDenied)

            // The company suspended, then closed.
            let editor = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Éditeur", templates: ["company_edit"])
            try await admin.rights.setUserRights(login: login, rightIDs: [editor.id])
            var change = Myopenip_V1_Company()
            change.comment = "ok"
            _ = try await user.companies.update(reference: "OIP-00000002", company: change, fields: ["comment"])
            var state = Myopenip_V1_Company()
            state.state = .suspended
            _ = try await admin.companies.update(reference: "OIP-00000002", company: state, fields: ["state"])
            let suspended = await rpcError {
                try await user.companies.update(reference: "OIP-00000002", company: change, fields: ["comment"])
            }
            #expect(suspended?.reason == "COMPANY_SUSPENDED")
            state.state = .closed
            _ = try await admin.companies.update(reference: "OIP-00000002", company: state, fields: ["state"])
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.reason == "COMPANY_CLOSED")
            await admin.close()
            await user.close()
        }
    }

    @Test("the very next call sees new terms in force, published now or coming into force with time")
    func termsChange() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let (_, user) = try await Self.warmUser(daemon)
            // Published now: to be accepted before anything else.
            let now = try await admin.terms.publish(title: "CU", text: "texte")
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.reason == "TERMS_NOT_ACCEPTED")
            try await user.terms.accept(version: now.version)
            _ = try await user.companies.get(reference: "OIP-00000002")
            // Scheduled: nothing changes until its date; then the next call is gated (within the
            // session's 30 idle minutes).
            let soon = Date(timeIntervalSinceNow: 600).formatted(.iso8601)
            let later = try await admin.terms.publish(title: "CU 2", text: "texte", effectiveAt: soon)
            _ = try await user.companies.get(reference: "OIP-00000002")
            daemon.clock.advance(by: .seconds(660))
            #expect(await rpcError { try await user.companies.get(reference: "OIP-00000002") }?.reason == "TERMS_NOT_ACCEPTED")
            try await user.terms.accept(version: later.version)
            _ = try await user.companies.get(reference: "OIP-00000002")
            await admin.close()
            await user.close()
        }
    }
}
