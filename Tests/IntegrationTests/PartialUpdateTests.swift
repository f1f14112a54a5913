import Foundation
import MyOpenIPClient
import Testing

/// Updates change what they are asked to change and nothing else (issue: what exists must be
/// right, item 2): a site's phone without its payment details, a contact's role without its email.
@Suite("Partial updates of sites, contacts and companies")
struct PartialUpdateTests {
    private static func company(_ daemon: TestDaemon) async throws -> String {
        try await daemon.ensureCompany("OIP-00000002", kind: .client)
        return "OIP-00000002"
    }

    /// Over the Unix socket, operator staff; over TCP, the company's administrator's session.
    private static func caller(_ daemon: TestDaemon, _ transport: TestTransport) async throws -> MyOpenIPClient {
        guard transport == .tcp else { return daemon.operatorClient() }
        let admin = daemon.operatorClient()
        try await daemon.publishTerms()
        let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
        let login = try await daemon.createActiveUser(company: "OIP-00000002")
        try await admin.rights.setUserRights(login: login, rightIDs: [administrator.id])
        await admin.close()
        let session = try await daemon.loggedIn(login, over: .tcp)
        try await session.terms.accept(version: 1)
        return session
    }

    private static var siteFields: Myopenip_V1_SiteFields {
        var fields = Myopenip_V1_SiteFields()
        fields.name = "Site de Clichy"
        fields.address.street = "37-39 rue de Neuilly"
        fields.address.postcode = "92110"
        fields.address.city = "Clichy"
        fields.phone = "01 47 56 00 00"
        fields.openingHours = "Lundi-vendredi 9h-18h"
        fields.payment.iban = "FR76 3000 6000 0112 3456 7890 189"
        fields.payment.bic = "BNPAFRPP"
        fields.payment.holder = "Ma Société"
        return fields
    }

    @Test(
        "changing a site's phone keeps its payment details, address and hours; the audit shows the phone only",
        arguments: TestTransport.allCases)
    func site(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let company = try await Self.company(daemon)
            let admin = try await Self.caller(daemon, transport)
            let site = try await admin.sites.create(companyReference: company, fields: Self.siteFields)
            var change = Myopenip_V1_SiteFields()
            change.phone = "01 40 00 00 00"
            let updated = try await admin.sites.update(id: site.id, fields: change, paths: ["phone"])
            #expect(updated.fields.phone == "01 40 00 00 00")
            #expect(updated.fields.payment == site.fields.payment)
            #expect(updated.fields.address == site.fields.address)
            #expect(updated.fields.openingHours == site.fields.openingHours)
            change.address.city = "Paris"
            change.address.postcode = "75001"
            let moved = try await admin.sites.update(id: site.id, fields: change, paths: ["address.city", "address.postcode"])
            #expect(moved.fields.address.street == "37-39 rue de Neuilly")
            #expect(moved.fields.address.city == "Paris")
            #expect(moved.fields.phone == "01 40 00 00 00")
            let events = try await admin.audit.list(action: "site.updated", companyReference: company).events
            #expect(events.count == 2)
            #expect(Set(events.last?.details.keys ?? [:].keys) == ["site", "before.phone", "after.phone"])
            // A change to nothing writes nothing.
            _ = try await admin.sites.update(id: site.id, fields: change, paths: ["address.city"])
            #expect(try await admin.audit.list(action: "site.updated", companyReference: company).events.count == 2)
            // A mask is required and checked.
            let none = await rpcError { try await admin.sites.update(id: site.id, fields: change, paths: []) }
            #expect(none?.code == .invalidArgument && none?.reason == "UPDATE_MASK_EMPTY")
            let unknown = await rpcError { try await admin.sites.update(id: site.id, fields: change, paths: ["payment.iban"]) }
            #expect(unknown?.reason == "UPDATE_MASK_INVALID")
            // Removing the payment details takes all three.
            let unpaid = try await admin.sites.update(id: site.id, fields: Myopenip_V1_SiteFields(), paths: ["payment"])
            #expect(unpaid.fields.payment.iban.isEmpty)
            #expect(unpaid.fields.phone == "01 40 00 00 00")
            await admin.close()
        }
    }

    @Test("changing a contact's role keeps its email, phone and site", arguments: TestTransport.allCases)
    func contact(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let company = try await Self.company(daemon)
            let admin = try await Self.caller(daemon, transport)
            let site = try await admin.sites.create(companyReference: company, fields: Self.siteFields)
            var fields = Myopenip_V1_ContactFields()
            fields.lastName = "Martin"
            fields.firstName = "Alice"
            fields.email = "alice@example.fr"
            fields.phone = "01 47 56 00 00"
            fields.role = "Responsable technique"
            fields.siteID = site.id
            let contact = try await admin.contacts.create(companyReference: company, fields: fields)
            var change = Myopenip_V1_ContactFields()
            change.role = "Directrice technique"
            let updated = try await admin.contacts.update(id: contact.id, fields: change, paths: ["role"])
            #expect(updated.fields.role == "Directrice technique")
            #expect(updated.fields.email == "alice@example.fr")
            #expect(updated.fields.phone == "01 47 56 00 00")
            #expect(updated.fields.siteID == site.id)
            #expect(updated.complete)
            let event = try #require(
                try await admin.audit.list(action: "contact.updated", companyReference: company).events.first)
            #expect(Set(event.details.keys) == ["contact", "before.role", "after.role"])
            await admin.close()
        }
    }

    @Test("changing one of a company's mails keeps the three others", arguments: TestTransport.allCases)
    func companyMails(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let company = try await Self.company(daemon)
            let admin = try await Self.caller(daemon, transport)
            var change = Myopenip_V1_Company()
            change.mails.commercial = "ventes@ma-societe.fr"
            change.mails.technical = "technique@ma-societe.fr"
            change.mails.salesAdministration = "adv@ma-societe.fr"
            change.mails.administrative = "admin@ma-societe.fr"
            _ = try await admin.companies.update(reference: company, company: change, fields: ["mails"])
            var technical = Myopenip_V1_Company()
            technical.mails.technical = "noc@ma-societe.fr"
            let updated = try await admin.companies.update(reference: company, company: technical, fields: ["mails.technical"])
            #expect(updated.mails.technical == "noc@ma-societe.fr")
            #expect(updated.mails.commercial == "ventes@ma-societe.fr")
            #expect(updated.mails.salesAdministration == "adv@ma-societe.fr")
            #expect(updated.mails.administrative == "admin@ma-societe.fr")
            let event = try #require(
                try await admin.audit.list(action: "company.updated", companyReference: company).events.first)
            #expect(Set(event.details.keys) == ["before.mail_technical", "after.mail_technical"])
            await admin.close()
        }
    }

    @Test("myopenipctl site update and contact update send only the options given")
    func commandLine() async throws {
        try await withTestDaemon { daemon async throws in
            let company = try await Self.company(daemon)
            let admin = daemon.operatorClient()
            let site = try await admin.sites.create(companyReference: company, fields: Self.siteFields)
            await admin.close()
            let socket = ["--socket", daemon.socketPath, "--json"]
            let updated = try await Executables.run(
                "myopenipctl", ["site", "update", String(site.id), "--phone", "01 40 00 00 00"] + socket)
            #expect(updated.status == 0, "\(updated.standardError)")
            #expect(updated.standardOutput.contains("01 40 00 00 00"))
            #expect(updated.standardOutput.contains("BNPAFRPP"))
            let nothing = try await Executables.run("myopenipctl", ["site", "update", String(site.id)] + socket)
            #expect(nothing.status == 64)
            _ = try await Executables.run(
                "myopenipctl", ["company", "update", company, "--mail-commercial", "ventes@ma-societe.fr"] + socket)
            let mail = try await Executables.run(
                "myopenipctl", ["company", "update", company, "--mail-technical", "noc@ma-societe.fr"] + socket)
            #expect(mail.status == 0, "\(mail.standardError)")
            #expect(mail.standardOutput.contains("ventes@ma-societe.fr"))
            #expect(mail.standardOutput.contains("noc@ma-societe.fr"))
        }
    }
}
