import Foundation
import MyOpenIPClient
import Testing

/// Custom rights renamed, given other templates and deleted, over the real transports: the
/// holders' permissions follow at once, and nobody gives what they do not hold.
@Suite("Rights: changing and deleting custom rights")
struct RightChangesTests {
    /// A client company (OIP-00000002) with an administrator holding "Informations société –
    /// Modifier" only, logged in over `transport`, a custom right and a user holding it.
    private func prepare(
        _ daemon: TestDaemon, transport: TestTransport
    ) async throws -> (boss: MyOpenIPClient, right: Myopenip_V1_AccessRight, user: String) {
        let admin = daemon.operatorClient()
        try await daemon.publishTerms()
        try await daemon.ensureCompany("OIP-00000002", kind: .client)
        let editor = try await admin.rights.create(
            companyReference: "OIP-00000002", name: "Éditeur", templates: ["company_edit", "services_view"])
        let bossLogin = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: bossLogin, rightIDs: [editor.id])
        let right = try await admin.rights.create(companyReference: "OIP-00000002", name: "Lecteur", templates: ["company_view"])
        let user = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: user, rightIDs: [right.id])
        let boss = try await daemon.loggedIn(bossLogin, over: transport)
        try await boss.terms.accept(version: 1)
        await admin.close()
        return (boss, right, user)
    }

    @Test(
        "a rename or a change of templates changes only the fields named, and the holder's permissions at once",
        arguments: TestTransport.allCases)
    func update(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let (boss, right, user) = try await prepare(daemon, transport: transport)
            let holder = try await daemon.loggedIn(user, over: transport)
            try await holder.terms.accept(version: 1)
            #expect(try await holder.identity.whoAmI().rights == ["Lecteur"])

            let renamed = try await boss.rights.update(id: right.id, name: "Lecture seule")
            #expect(renamed.name == "Lecture seule")
            #expect(renamed.templates == ["company_view"])
            let widened = try await boss.rights.update(
                id: right.id, role: "Support", templates: ["company_view", "services_view"])
            #expect(widened.name == "Lecture seule")
            #expect(widened.role == "Support")
            #expect(widened.permissions == ["company.read", "services.read"])
            // The holder's next call already has the new permission.
            let me = try await holder.identity.whoAmI()
            #expect(me.rights == ["Lecture seule"])

            let audit = try await daemon.operatorClient().audit.list(action: "right.updated").events
            #expect(audit.count == 2)
            #expect(audit.first?.details["after.templates"] == "company_view,services_view")
            #expect(audit.first?.details["before.name"] == nil)
            await holder.close()
            await boss.close()
        }
    }

    @Test("the mask is required and checked; a main right, a taken name, another company's right are refused")
    func refusals() async throws {
        try await withTestDaemon { daemon async throws in
            let (boss, right, _) = try await prepare(daemon, transport: .tcp)
            var empty = Myopenip_V1_UpdateRightRequest()
            empty.id = right.id
            empty.name = "Sans masque"
            let noMask = await rpcError { try await boss.rights.updateRight(empty) }
            #expect(noMask?.code == .invalidArgument)
            #expect(noMask?.reason == "UPDATE_MASK_EMPTY")
            #expect(noMask?.field == "update_mask")
            empty.updateMask.paths = ["name", "company_reference"]
            let badPath = await rpcError { try await boss.rights.updateRight(empty) }
            #expect(badPath?.reason == "UPDATE_MASK_INVALID")
            #expect(try await boss.rights.list(companyReference: "OIP-00000002").contains { $0.name == "Lecteur" })

            let main = try #require(try await boss.rights.templates().mainRights.first)
            let mainChange = await rpcError { try await boss.rights.update(id: main.id, name: "Chef") }
            #expect(mainChange?.code == .failedPrecondition)
            #expect(mainChange?.reason == "MAIN_RIGHT")
            #expect(mainChange?.message == "Les droits principaux ne peuvent être ni modifiés ni supprimés")
            let mainDelete = await rpcError { try await boss.rights.delete(id: main.id) }
            #expect(mainDelete?.reason == "MAIN_RIGHT")

            let taken = await rpcError { try await boss.rights.update(id: right.id, name: "Éditeur") }
            #expect(taken?.code == .alreadyExists)
            #expect(taken?.reason == "RIGHT_NAME_TAKEN")

            // Another company's right does not exist for this administrator.
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let foreign = try await admin.rights.create(
                companyReference: "OIP-00000003", name: "Ailleurs", templates: ["company_view"])
            let hidden = await rpcError { try await boss.rights.update(id: foreign.id, name: "Pris") }
            #expect(hidden?.code == .notFound)
            #expect(hidden?.reason == "RIGHT_NOT_FOUND")
            let hiddenDelete = await rpcError { try await boss.rights.delete(id: foreign.id) }
            #expect(hiddenDelete?.code == .notFound)
            #expect(try await admin.rights.list(companyReference: "OIP-00000003").contains { $0.name == "Ailleurs" })
            await admin.close()
            await boss.close()
        }
    }

    @Test("nobody but operator staff gives a right permissions they do not hold")
    func noEscalation() async throws {
        try await withTestDaemon { daemon async throws in
            let (boss, right, _) = try await prepare(daemon, transport: .tcp)
            let escalation = await rpcError { try await boss.rights.update(id: right.id, templates: ["billing_view"]) }
            #expect(escalation?.code == .permissionDenied)
            #expect(escalation?.reason == "PERMISSION_NOT_HELD")
            #expect(escalation?.message == "Vous ne pouvez pas donner ou retirer une permission que vous n'avez pas")
            #expect(
                try await boss.rights.list(companyReference: "OIP-00000002").first { $0.id == right.id }?.templates == [
                    "company_view"
                ])
            // What the administrator holds, they may give.
            let held = try await boss.rights.update(id: right.id, templates: ["company_edit"])
            #expect(held.permissions.contains("users.manage"))
            // Operator staff may give anything.
            let admin = daemon.operatorClient()
            let billing = try await admin.rights.update(id: right.id, templates: ["billing_view"])
            #expect(billing.permissions == ["billing.read"])
            await admin.close()
            await boss.close()
        }
    }

    @Test("a deleted right is taken from its holders, once even when the call is retried", arguments: TestTransport.allCases)
    func delete(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let (boss, right, user) = try await prepare(daemon, transport: transport)
            let key = CallOptions.idempotencyKey("delete-\(right.id)")
            let holders = try await boss.rights.delete(id: right.id, options: key)
            #expect(holders == [user])
            let retried = try await boss.rights.delete(id: right.id, options: key)
            #expect(retried == [user])
            let again = await rpcError { try await boss.rights.delete(id: right.id) }
            #expect(again?.code == .notFound)

            let holder = try await daemon.loggedIn(user, over: transport)
            try await holder.terms.accept(version: 1)
            #expect(try await holder.identity.whoAmI().rights.isEmpty)
            await holder.close()
            let admin = daemon.operatorClient()
            let events = try await admin.audit.list(action: "right.deleted").events
            #expect(events.count == 1)
            #expect(events.first?.details["holders"] == user)
            #expect(events.first?.details["name"] == "Lecteur")
            await admin.close()
            await boss.close()
        }
    }

    @Test("myopenipctl right update sends only the flags given; right delete names the former holders")
    func commandLine() async throws {
        try await withTestDaemon { daemon async throws in
            let (boss, right, user) = try await prepare(daemon, transport: .tcp)
            await boss.close()
            let socket = ["--socket", daemon.socketPath]
            let updated = try await Executables.run(
                "myopenipctl", ["right", "update", String(right.id), "--role", "Support"] + socket)
            #expect(updated.status == 0, "\(updated.standardError)")
            #expect(updated.standardOutput.contains("Lecteur"))
            #expect(updated.standardOutput.contains("Support"))
            let nothing = try await Executables.run("myopenipctl", ["right", "update", String(right.id)] + socket)
            #expect(nothing.status == 64)
            // Without a terminal to ask, a deletion needs --yes.
            let unconfirmed = try await Executables.run("myopenipctl", ["right", "delete", String(right.id)] + socket)
            #expect(unconfirmed.status == 64)
            #expect(unconfirmed.standardError.contains("add --yes"))
            let deleted = try await Executables.run("myopenipctl", ["right", "delete", String(right.id), "--yes"] + socket)
            #expect(deleted.status == 0)
            #expect(deleted.standardOutput.contains("taken from \(user)"))
            let missing = try await Executables.run("myopenipctl", ["right", "delete", String(right.id), "--yes"] + socket)
            #expect(missing.status == 1)
            #expect(missing.standardError.contains("RIGHT_NOT_FOUND"))
        }
    }
}
