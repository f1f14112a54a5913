import Foundation
import MyOpenIPClient
import Testing

/// The guide's "Gérer ses utilisateurs", from end to end: a partner, its client, the client's
/// administrator who builds a custom right and a user holding it.
@Suite("Rights: a company administrator and a custom right")
struct RightsStoryTests {
    @Test("the user holding a custom right can do exactly what its templates allow", arguments: TestTransport.allCases)
    func customRight(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.publishTerms()
            var partner = Myopenip_V1_CreateCompanyRequest()
            partner.kind = .partner
            partner.name = "Réseau Partenaire"
            partner.siren = "443061841"
            partner.legalStatus = "SAS"
            _ = try await admin.companies.create(partner)
            var client = Myopenip_V1_CreateCompanyRequest()
            client.kind = .client
            client.name = "Ma Société"
            client.siren = "552081317"
            client.legalStatus = "EI"
            client.partnerReference = "OIP-00000001"
            let company = try await admin.companies.create(client)

            // Operator staff create the first administrator of the client company.
            let adminLogin = try await daemon.createActiveUser(kind: .clientUser, company: company.reference)
            let main = try await admin.rights.templates().mainRights
            let administrator = try #require(main.first { $0.main == "administrator" })
            #expect(administrator.name == "Administrateur tout Univers")
            try await admin.rights.setUserRights(login: adminLogin, rightIDs: [administrator.id])

            // The administrator logs in, accepts the terms, edits the company…
            let boss = daemon.client(transport)
            let login = try await boss.identity.login(identifier: adminLogin, password: goodPassword)
            try await boss.terms.accept(version: 1)
            #expect(login.mustAcceptTerms)
            var change = Myopenip_V1_Company()
            change.website = "https://ma-societe.fr"
            change.mails.commercial = "toto@openip.fr"
            let edited = try await boss.companies.update(
                reference: company.reference, company: change, fields: ["website", "mails"])
            #expect(edited.mails.commercial == "toto@openip.fr")
            change.state = .closed
            let standing = await rpcError {
                try await boss.companies.update(reference: company.reference, company: change, fields: ["state"])
            }
            #expect(standing?.code == .permissionDenied)
            #expect(standing?.reason == "OPERATOR_FIELD")

            // …creates a custom right with two templates, and a user holding it.
            let right = try await boss.rights.create(
                companyReference: company.reference, name: "Comptable", site: "Siège Social", role: "Comptabilité",
                templates: ["company_view", "billing_view"])
            #expect(right.permissions == ["billing.read", "company.read"])
            let newUser = try await boss.identity.createAccount(
                displayName: "Paul Durand", email: "paul@ma-societe.fr", kind: .clientUser, companyReference: company.reference)
            try await boss.rights.setUserRights(login: newUser.login, rightIDs: [right.id])
            let elsewhere = await rpcError {
                try await boss.identity.createAccount(
                    displayName: "Intrus", email: "intrus@example.fr", kind: .partnerUser, companyReference: "OIP-00000001")
            }
            #expect(elsewhere?.code == .notFound)

            // The new user sets a password from the mail, logs in, accepts the terms.
            let mail = try #require(try await admin.mail.list(accountLogin: newUser.login).mails.first)
            let user = daemon.client(transport)
            _ = try await user.identity.setPassword(
                token: try #require(linkToken(in: mail.body)), password: goodPassword, confirmation: goodPassword)
            try await user.identity.login(identifier: newUser.login, password: goodPassword)
            try await user.terms.accept(version: 1)
            let me = try await user.identity.whoAmI()
            #expect(me.rights == ["Comptable"])
            #expect(me.permissions == ["billing.read", "company.read"])

            // Exactly what the templates allow: read the company; not edit it, nor manage users.
            #expect(try await user.companies.get(reference: company.reference).website == "https://ma-societe.fr")
            #expect(try await user.companies.list().companies.map(\.reference) == [company.reference])
            let edit = await rpcError {
                try await user.companies.update(reference: company.reference, company: change, fields: ["website"])
            }
            #expect(edit?.code == .permissionDenied)
            let createUser = await rpcError {
                try await user.identity.createAccount(
                    displayName: "X", email: "x@ma-societe.fr", kind: .clientUser, companyReference: company.reference)
            }
            #expect(createUser?.code == .permissionDenied)
            let createRight = await rpcError {
                try await user.rights.create(companyReference: company.reference, name: "Tout", templates: ["company_edit"])
            }
            #expect(createRight?.code == .permissionDenied)
            // The partner's company is not in the client's scope.
            let partnerHidden = await rpcError { try await boss.companies.get(reference: "OIP-00000001") }
            #expect(partnerHidden?.code == .notFound)

            // The administrator sees the users and the audit trail of the company, and nothing of others'.
            let users = try await boss.identity.listAccounts().accounts.map(\.login)
            #expect(users == [adminLogin, newUser.login])
            let partnerUser = try await daemon.createActiveUser(kind: .partnerUser, company: "OIP-00000001")
            let foreignUser = await rpcError { try await boss.identity.account(login: partnerUser) }
            #expect(foreignUser?.code == .notFound)
            let trail = try await boss.audit.list().events
            #expect(trail.contains { $0.action == "right.created" })
            #expect(
                trail.allSatisfy {
                    $0.companyReference == company.reference || [adminLogin, newUser.login].contains($0.accountLogin)
                })
            #expect(!trail.contains { $0.accountLogin == partnerUser })
            let userTrail = await rpcError { try await user.audit.list() }
            #expect(userTrail?.code == .permissionDenied)

            let audit = try await admin.audit.list(companyReference: company.reference).events.map(\.action)
            for action in ["company.created", "company.updated", "right.created", "rights.assigned"] {
                #expect(audit.contains(action), "\(action)")
            }
            for client in [admin, boss, user] { await client.close() }
        }
    }

    @Test("custom rights are checked: known templates, at least one, a name unique in the company")
    func validation() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            var client = Myopenip_V1_CreateCompanyRequest()
            client.kind = .client
            client.name = "Ma Société"
            client.siren = "552081317"
            client.legalStatus = "EI"
            _ = try await admin.companies.create(client)
            let none = await rpcError {
                try await admin.rights.create(companyReference: "OIP-00000001", name: "Vide", templates: [])
            }
            #expect(none?.message == "Déposez au moins un modèle dans le droit")
            let unknown = await rpcError {
                try await admin.rights.create(companyReference: "OIP-00000001", name: "X", templates: ["root"])
            }
            #expect(unknown?.reason == "RIGHT_TEMPLATE_UNKNOWN")
            _ = try await admin.rights.create(companyReference: "OIP-00000001", name: "Comptable", templates: ["billing_view"])
            let taken = await rpcError {
                try await admin.rights.create(companyReference: "OIP-00000001", name: "comptable", templates: ["billing_view"])
            }
            #expect(taken?.code == .alreadyExists)
            let missing = await rpcError { try await admin.rights.list(companyReference: "OIP-00000009") }
            #expect(missing?.code == .notFound)
            let rights = try await admin.rights.list(companyReference: "OIP-00000001")
            #expect(rights.map(\.name) == ["Administrateur tout Univers", "Univers Client", "Comptable"])
            await admin.close()
        }
    }
}
