import Foundation
import MyOpenIPClient
import Testing

@Suite("Sites and contacts")
struct SiteAndContactIntegrationTests {
    private static func company(_ admin: MyOpenIPClient, siren: String, headOffice: Bool) async throws -> String {
        var request = Myopenip_V1_CreateCompanyRequest()
        request.kind = .client
        request.name = "Société \(siren)"
        request.siren = siren
        request.legalStatus = "SAS"
        if headOffice {
            request.headOfficeAddress.street = "37-39 rue de Neuilly"
            request.headOfficeAddress.postcode = "92110"
            request.headOfficeAddress.city = "Clichy"
        }
        return try await admin.companies.create(request).reference
    }

    private static func siteFields(_ name: String) -> Myopenip_V1_SiteFields {
        var fields = Myopenip_V1_SiteFields()
        fields.name = name
        fields.address.street = "1 place de la République"
        fields.address.postcode = "75003"
        fields.address.city = "Paris"
        fields.phone = "01 47 56 00 00"
        fields.openingHours = "Lundi-vendredi 9h-18h"
        fields.payment.iban = "FR76 3000 6000 0112 3456 7890 189"
        fields.payment.bic = "BNPAFRPP"
        fields.payment.holder = "Société"
        return fields
    }

    @Test("a company has its head office from the start; sites are added, edited and deleted, never the head office")
    func sites() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let reference = try await Self.company(admin, siren: "552081317", headOffice: true)
            let initial = try await admin.sites.list(companyReference: reference)
            #expect(initial.map(\.fields.name) == ["Siège Social"])
            #expect(initial[0].headOffice)
            #expect(initial[0].fields.address.city == "Clichy")

            let clichy = try await admin.sites.create(companyReference: reference, fields: Self.siteFields("Site de Paris"))
            #expect(clichy.fields.payment.iban == "FR7630006000011234567890189")
            var bad = Self.siteFields("Autre")
            bad.payment.iban = "FR7630006000011234567890188"
            let iban = await rpcError { try await admin.sites.create(companyReference: reference, fields: bad) }
            #expect(iban?.message == "L'IBAN n'est pas valide")
            #expect(iban?.field == "payment.iban")
            let duplicate = await rpcError {
                try await admin.sites.create(companyReference: reference, fields: Self.siteFields("site de paris"))
            }
            #expect(duplicate?.code == .alreadyExists)

            var moved = Self.siteFields("Site de Paris")
            moved.openingHours = "24h/24"
            #expect(try await admin.sites.update(id: clichy.id, fields: moved).fields.openingHours == "24h/24")
            let headOffice = await rpcError { try await admin.sites.delete(id: initial[0].id) }
            #expect(headOffice?.code == .failedPrecondition)
            #expect(headOffice?.message == "Le siège social ne peut pas être supprimé")
            try await admin.sites.delete(id: clichy.id)
            #expect(try await admin.sites.list(companyReference: reference).count == 1)
            let actions = try await admin.audit.list(companyReference: reference).events.map(\.action)
            for action in ["site.created", "site.updated", "site.deleted"] { #expect(actions.contains(action), "\(action)") }
            await admin.close()
        }
    }

    @Test("contacts may be incomplete; they belong to a site of their company; other tenants see nothing")
    func contacts() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let mine = try await Self.company(admin, siren: "552081317", headOffice: false)
            let theirs = try await Self.company(admin, siren: "732829320", headOffice: false)
            let mySite = try #require(try await admin.sites.list(companyReference: mine).first)
            let theirSite = try #require(try await admin.sites.list(companyReference: theirs).first)

            var fields = Myopenip_V1_ContactFields()
            fields.lastName = "Martin"
            fields.firstName = "Alice"
            let partial = try await admin.contacts.create(companyReference: mine, fields: fields)
            #expect(!partial.complete)
            fields.email = "alice@example.fr"
            fields.phone = "01 47 56 00 00"
            fields.role = "Responsable technique"
            fields.siteID = mySite.id
            let complete = try await admin.contacts.update(id: partial.id, fields: fields)
            #expect(complete.complete)
            #expect(complete.siteName == "Siège Social")
            fields.siteID = theirSite.id
            let foreignSite = await rpcError { try await admin.contacts.update(id: partial.id, fields: fields) }
            #expect(foreignSite?.code == .notFound)

            // A user of the other company, even an administrator, sees none of it.
            let login = try await daemon.createActiveUser(kind: .clientUser, company: theirs)
            try await admin.rights.setUserRights(login: login, rightIDs: [1])
            let stranger = try await daemon.loggedIn(login)
            for call in [
                { _ = try await stranger.contacts.get(id: partial.id) },
                { _ = try await stranger.contacts.list(companyReference: mine) },
                { _ = try await stranger.sites.get(id: mySite.id) },
                { try await stranger.contacts.delete(id: partial.id) },
            ] as [@Sendable () async throws -> Void] {
                let error = await rpcError { try await call() }
                #expect(error?.code == .notFound)
            }
            #expect(try await stranger.contacts.list(companyReference: theirs).contacts.isEmpty)
            // The error names the request's own field.
            let foreignList = await rpcError { try await stranger.sites.list(companyReference: mine) }
            #expect(foreignList?.reason == "COMPANY_NOT_FOUND")
            #expect(foreignList?.field == "company_reference")
            let malformed = await rpcError { try await stranger.contacts.list(companyReference: "OIP-1") }
            #expect(malformed?.field == "company_reference")
            // Another company's user does not exist for this administrator, when giving rights too.
            let foreignUser = try await daemon.createActiveUser(kind: .clientUser, company: mine)
            let rights = await rpcError { try await stranger.rights.setUserRights(login: foreignUser, rightIDs: []) }
            #expect(rights?.code == .notFound)
            #expect(rights?.reason == "ACCOUNT_NOT_FOUND")

            try await admin.contacts.delete(id: partial.id)
            #expect(try await admin.contacts.list(companyReference: mine).contacts.isEmpty)
            await stranger.close()
            await admin.close()
        }
    }
}
