import Foundation
import MyOpenIPClient
import Testing

/// A user created with rights is one call: the account, its rights and its mail, or nothing.
@Suite("Accounts created with their rights")
struct AccountWithRightsTests {
    @Test(
        "the account comes with its rights; a right that cannot be given leaves no account and no mail",
        arguments: TestTransport.allCases)
    func allOrNothing(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.publishTerms()
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let viewer = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Lecteur", templates: ["company_view"])
            let billing = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Compta", templates: ["billing_view"])
            let foreign = try await admin.rights.create(
                companyReference: "OIP-00000003", name: "Ailleurs", templates: ["company_view"])
            let editor = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Éditeur", templates: ["company_edit"])
            let bossLogin = try await daemon.createActiveUser(company: "OIP-00000002")
            try await admin.rights.setUserRights(login: bossLogin, rightIDs: [editor.id])
            let boss = try await daemon.loggedIn(bossLogin, over: transport)
            try await boss.terms.accept(version: 1)
            let mailsBefore = try await admin.mail.list().mails.count

            for (rights, reason) in [
                ([foreign.id], "RIGHT_NOT_FOUND"), ([999], "RIGHT_NOT_FOUND"), ([billing.id], "PERMISSION_NOT_HELD"),
            ] {
                let refused = await rpcError {
                    try await boss.identity.createAccount(
                        displayName: "Paul Durand", email: "paul@ma-societe.fr", kind: .clientUser,
                        companyReference: "OIP-00000002",
                        rightIDs: rights)
                }
                #expect(refused?.reason == reason, "\(rights)")
            }
            // Nothing was left behind: the email is free, and no mail was queued.
            #expect(try await admin.mail.list().mails.count == mailsBefore)
            let created = try await boss.identity.createAccount(
                displayName: "Paul Durand", email: "paul@ma-societe.fr", kind: .clientUser, companyReference: "OIP-00000002",
                rightIDs: [viewer.id])
            #expect(created.login.hasPrefix("E-"))
            let events = try await admin.audit.list(accountLogin: created.login, action: "rights.assigned").events
            #expect(events.first?.details["after"] == "Lecteur")
            #expect(try await admin.mail.list().mails.count == mailsBefore + 1)
            await boss.close()
            await admin.close()
        }
    }

    @Test("myopenipctl user create with a right it cannot give creates nothing")
    func commandLine() async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let socket = ["--socket", daemon.socketPath]
            let failed = try await Executables.run(
                "myopenipctl",
                ["user", "create", "OIP-00000002", "--name", "Paul Durand", "--email", "paul@ma-societe.fr", "--right", "999"]
                    + socket)
            #expect(failed.status == 1)
            #expect(failed.standardError.contains("RIGHT_NOT_FOUND"))
            let users = try await Executables.run("myopenipctl", ["user", "list", "OIP-00000002", "--json"] + socket)
            #expect(!users.standardOutput.contains("paul@ma-societe.fr"))
            let mails = try await Executables.run("myopenipctl", ["mail", "list", "--json"] + socket)
            #expect(!mails.standardOutput.contains("paul@ma-societe.fr"))
            let main = try await daemon.operatorClient().rights.templates().mainRights
            let universe = try #require(main.first { $0.main == "client_universe" }).id
            let created = try await Executables.run(
                "myopenipctl",
                [
                    "user", "create", "OIP-00000002", "--name", "Paul Durand", "--email", "paul@ma-societe.fr", "--right",
                    String(universe),
                ]
                    + socket)
            #expect(created.status == 0, "\(created.standardError)")
            #expect(created.standardOutput.contains("Univers Client"))
        }
    }
}
