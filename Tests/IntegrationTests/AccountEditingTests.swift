import Foundation
import MyOpenIPClient
import Testing

/// Accounts can be edited: a name, an email. Only the fields named change; a new email gets a new
/// password link and the former address is told; nobody edits an account above them.
@Suite("Account editing")
struct AccountEditingTests {
    @Test("a new email gets a password link and the former address is told", arguments: TestTransport.allCases)
    func newEmail(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, firstToken) = try await daemon.createUser(email: "alice@example.fr")

            // The name alone: the email, and the link already sent, stay.
            let renamed = try await admin.identity.updateAccount(login: account.login, displayName: "Alice Durand")
            #expect(renamed.displayName == "Alice Durand")
            #expect(renamed.email == "alice@example.fr")
            #expect(try await admin.mail.list(accountLogin: account.login).mails.count == 1)

            let moved = try await admin.identity.updateAccount(login: account.login, email: "alice.durand@example.com")
            #expect(moved.email == "alice.durand@example.com")
            #expect(moved.displayName == "Alice Durand")
            let mails = try await admin.mail.list(accountLogin: account.login).mails
            #expect(mails.count == 3)
            let link = try #require(mails.first { $0.recipient == "alice.durand@example.com" })
            #expect(link.template == "password_initialisation")
            let notice = try #require(mails.first { $0.template == "email_changed" })
            #expect(notice.recipient == "alice@example.fr")
            #expect(notice.subject == "\(account.login) votre adresse e-mail a été modifiée")
            #expect(notice.body.contains("a***@example.com"))
            // The link sent to the former address no longer works; the new one does.
            let old = await rpcError {
                try await admin.identity.setPassword(token: firstToken, password: goodPassword, confirmation: goodPassword)
            }
            #expect(old?.reason == "PASSWORD_LINK_INVALID" || old?.reason == "PASSWORD_LINK_USED")
            let newToken = try #require(linkToken(in: link.body))
            _ = try await admin.identity.setPassword(token: newToken, password: goodPassword, confirmation: goodPassword)
            let user = try await daemon.loggedIn(account.login, over: transport)
            #expect(try await user.identity.whoAmI().account.email == "alice.durand@example.com")

            // The audit trail keeps what changed, and only that.
            let events = try await admin.audit.list(accountLogin: account.login).events.filter { $0.action == "account.updated" }
            #expect(events.count == 2)
            #expect(events.last?.details == ["before.display_name": "Alice Martin", "after.display_name": "Alice Durand"])
            #expect(events.first?.details == ["before.email": "alice@example.fr", "after.email": "alice.durand@example.com"])

            // The same values again change nothing and send nothing; another spelling of the same
            // address is kept without a new link.
            _ = try await admin.identity.updateAccount(login: account.login, displayName: "Alice Durand")
            _ = try await admin.identity.updateAccount(login: account.login, email: "Alice.Durand@EXAMPLE.com")
            #expect(try await admin.mail.list(accountLogin: account.login).mails.count == 3)
            #expect(try await admin.identity.account(login: account.login).email == "Alice.Durand@example.com")
            for client in [admin, user] { await client.close() }
        }
    }

    @Test("bad input is refused naming the field, and changes nothing")
    func badInput() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, _) = try await daemon.createUser(email: "bob@example.fr")
            _ = try await daemon.createUser(email: "taken@example.fr")

            let taken = await rpcError { try await admin.identity.updateAccount(login: account.login, email: "TAKEN@example.fr") }
            #expect(taken?.code == .alreadyExists)
            #expect(taken?.field == "email")
            let invalid = await rpcError { try await admin.identity.updateAccount(login: account.login, email: "bob@") }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.field == "email")
            let noName = await rpcError { try await admin.identity.updateAccount(login: account.login, displayName: "  ") }
            #expect(noName?.field == "display_name")
            let nothing = await rpcError { try await admin.identity.updateAccount(login: account.login) }
            #expect(nothing?.reason == "UPDATE_MASK_EMPTY")
            var request = Myopenip_V1_UpdateAccountRequest()
            request.login = account.login
            request.updateMask.paths = ["kind"]
            let kind = await rpcError { try await admin.identity.updateAccount(request) }
            #expect(kind?.reason == "UPDATE_MASK_INVALID")
            let unknown = await rpcError { try await admin.identity.updateAccount(login: "E-0000009999", displayName: "X") }
            #expect(unknown?.code == .notFound)

            let unchanged = try await admin.identity.account(login: account.login)
            #expect(unchanged.email == "bob@example.fr")
            #expect(unchanged.displayName == "Alice Martin")
            #expect(try await admin.mail.list(accountLogin: account.login).mails.count == 1)
            await admin.close()
        }
    }

    @Test("a user administrator edits their company's users, never one above them nor another tenant's")
    func administratorScope() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let templates = try await admin.rights.templates()
            let administrator = try #require(templates.mainRights.first { $0.main == "administrator" })
            let editor = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Gestion des utilisateurs", templates: ["company_edit"])
            let managerLogin = try await daemon.createActiveUser()
            try await admin.rights.setUserRights(login: managerLogin, rightIDs: [editor.id])
            let bossLogin = try await daemon.createActiveUser()
            try await admin.rights.setUserRights(login: bossLogin, rightIDs: [administrator.id])
            let colleague = try await daemon.createActiveUser()
            let outsider = try await daemon.createActiveUser(company: "OIP-00000003")

            let manager = try await daemon.loggedIn(managerLogin)
            #expect(
                try await manager.identity.updateAccount(login: colleague, displayName: "Chloé Petit").displayName
                    == "Chloé Petit")
            // Moving the administrator's email would hand their account over: refused.
            let above = await rpcError { try await manager.identity.updateAccount(login: bossLogin, email: "me@example.fr") }
            #expect(above?.code == .permissionDenied)
            #expect(above?.reason == "ACCOUNT_MORE_PRIVILEGED")
            let other = await rpcError { try await manager.identity.updateAccount(login: outsider, displayName: "X") }
            #expect(other?.code == .notFound)
            #expect(try await admin.identity.account(login: bossLogin).email != "me@example.fr")
            for client in [admin, manager] { await client.close() }
        }
    }
}
