import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("Site repository (in memory)")
struct SiteRepositoryTests {
    let context = CompanyFixture.context
    let now = CompanyFixture.start

    static let iban = "FR7630006000011234567890189"
    static let otherIban = "DE89370400440532013000"

    func address(_ city: String = "Lyon") -> PostalAddress {
        PostalAddress(street: "12 rue Garibaldi", postcode: "69006", city: city)
    }

    func payment(_ iban: String = Self.iban, holder: String = "Alpha SAS") throws -> PaymentDetails {
        PaymentDetails(iban: try Iban(iban), bic: try Bic("BNPAFRPP"), holder: holder)
    }

    func draft(_ name: String, city: String = "Lyon", payment: PaymentDetails? = nil) -> SiteDraft {
        SiteDraft(name: name, address: address(city), payment: payment)
    }

    func person(_ lastName: String, email: String? = nil, role: String = "") throws -> ContactDraft {
        ContactDraft(lastName: lastName, firstName: "Marie", email: try email.map { try EmailAddress($0) }, role: role)
    }

    @Test("the sites of a company are its head office first, then the others by name")
    func listing() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let other = try await fixture.company("Beta", number: 10_000_002)
        for name in ["Entrepôt", "Agence Lyon", "Boutique"] {
            _ = try await fixture.sites.createSite(
                draft(name), company: company.reference, in: .everything, context: context, at: now)
        }
        _ = try await fixture.sites.createSite(
            draft("Atelier"), company: other.reference, in: .everything, context: context, at: now)
        let sites = try await fixture.sites.sites(of: company.reference, in: .company(company.reference))
        #expect(sites.map(\.site.name) == ["Siège Social", "Agence Lyon", "Boutique", "Entrepôt"])
        #expect(sites.map(\.isHeadOffice) == [true, false, false, false])
        #expect(sites.allSatisfy { $0.companyReference == company.reference.description })
        #expect(
            try await fixture.sites.sites(of: other.reference, in: .everything).map(\.site.name) == ["Siège Social", "Atelier"])
    }

    @Test("a new site is stored as drafted, and its site.created event shows only the last four characters of its IBAN")
    func create() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let site = SiteDraft(
            name: "Agence Lyon",
            address: PostalAddress(street: "12 rue Garibaldi", complement: "Bât. B", postcode: "69006", city: "Lyon"),
            phone: try PhoneNumber("04 72 00 00 00"), openingHours: "9h-18h", payment: try payment())
        let created = try await fixture.sites.createSite(
            site, company: company.reference, in: .company(company.reference), context: context, at: now)
        #expect(created.site == site)
        #expect(!created.isHeadOffice)
        #expect(created.companyReference == company.reference.description)
        #expect(created.createdAt == now)
        #expect(try await fixture.sites.site(created.id, in: .everything) == created)

        let event = try #require(try await fixture.events(.siteCreated).first)
        #expect(event.companyReference == company.reference.description)
        #expect(event.actor == context.actor)
        #expect(
            event.details == [
                "site": String(created.id), "name": "Agence Lyon", "street": "12 rue Garibaldi", "complement": "Bât. B",
                "postcode": "69006", "city": "Lyon", "country": "FR", "phone": "04 72 00 00 00", "opening_hours": "9h-18h",
                "iban": "…0189", "bic": "BNPAFRPP", "account_holder": "Alpha SAS",
            ])
        #expect(!event.details.values.contains { $0.contains("30006000011234567890") })
        // The head office made with the company is not audited as a site.
        #expect(try await fixture.events(.siteCreated).count == 1)
    }

    @Test(
        "an update stores the new draft and its site.updated event keeps only the changes, the IBAN shown by its last four characters"
    )
    func update() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let site = try await fixture.sites.createSite(
            draft("Agence"), company: company.reference, in: .everything, context: context, at: now)
        let later = now.adding(.seconds(60))

        let paying = try await fixture.sites.updateSite(
            site.id, to: draft("Agence Lyon", payment: try payment()), in: .company(company.reference), context: context,
            at: later)
        #expect(paying.site.name == "Agence Lyon")
        let details = try payment()
        #expect(paying.site.payment == details)
        #expect(paying.createdAt == now)
        #expect(paying.updatedAt == later)
        #expect(try await fixture.sites.site(site.id, in: .everything) == paying)
        let first = try #require(try await fixture.events(.siteUpdated).first)
        #expect(first.companyReference == company.reference.description)
        #expect(
            first.details == [
                "site": String(site.id), "before.name": "Agence", "after.name": "Agence Lyon",
                "before.iban": "", "after.iban": "…0189", "before.bic": "", "after.bic": "BNPAFRPP",
                "before.account_holder": "", "after.account_holder": "Alpha SAS",
            ])

        _ = try await fixture.sites.updateSite(
            site.id, to: draft("Agence Lyon", city: "Villeurbanne", payment: try payment(Self.otherIban)), in: .everything,
            context: context, at: later)
        let second = try #require(try await fixture.events(.siteUpdated).first)
        #expect(
            second.details == [
                "site": String(site.id), "before.city": "Lyon", "after.city": "Villeurbanne",
                "before.iban": "…0189", "after.iban": "…3000",
            ])
        #expect(!second.details.values.contains { $0.contains("370400440532") || $0.contains("30006000011234567890") })

        // Taking the payment details away.
        let unpaid = try await fixture.sites.updateSite(
            site.id, to: draft("Agence Lyon", city: "Villeurbanne"), in: .everything, context: context, at: later)
        #expect(unpaid.site.payment == nil)
        let third = try #require(try await fixture.events(.siteUpdated).first)
        #expect(third.details["before.iban"] == "…3000")
        #expect(third.details["after.iban"] == "")
        #expect(third.details["after.bic"] == "")

        // The head office can be completed, and stays the head office.
        let office = try #require(try await fixture.sites.sites(of: company.reference, in: .everything).first)
        let completed = try await fixture.sites.updateSite(
            office.id, to: SiteDraft(name: "Siège Social", address: address("Paris")), in: .everything, context: context,
            at: later)
        #expect(completed.isHeadOffice)
        #expect(completed.site.address.city == "Paris")
    }

    @Test("a site other than the head office can be deleted (audited, its contacts left without a site); the head office cannot")
    func delete() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let site = try await fixture.sites.createSite(
            draft("Agence", payment: try payment()), company: company.reference, in: .everything, context: context, at: now)
        let contact = try await fixture.sites.createContact(
            try person("Martin"), siteID: site.id, company: company.reference, in: .everything, context: context, at: now)
        #expect(contact.siteID == site.id)

        try await fixture.sites.deleteSite(site.id, in: .company(company.reference), context: context, at: now)
        #expect(try await fixture.sites.site(site.id, in: .everything) == nil)
        #expect(try await fixture.sites.sites(of: company.reference, in: .everything).map(\.site.name) == ["Siège Social"])
        let kept = try #require(try await fixture.sites.contact(contact.id, in: .everything))
        #expect(kept.siteID == nil)
        #expect(kept.siteName == nil)
        #expect(kept.contact == contact.contact)

        let event = try #require(try await fixture.events(.siteDeleted).first)
        #expect(event.companyReference == company.reference.description)
        #expect(event.details["site"] == String(site.id))
        #expect(event.details["name"] == "Agence")
        #expect(event.details["iban"] == "…0189")
        #expect(!event.details.values.contains { $0.contains("30006000011234567890") })
        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.deleteSite(site.id, in: .everything, context: context, at: now)
        }

        let office = try #require(try await fixture.sites.sites(of: company.reference, in: .everything).first)
        await #expect(throws: SiteViolation.headOffice) {
            try await fixture.sites.deleteSite(office.id, in: .everything, context: context, at: now)
        }
        #expect(try await fixture.sites.site(office.id, in: .everything)?.isHeadOffice == true)
        #expect(try await fixture.events(.siteDeleted).count == 1)
        #expect(SiteViolation.headOffice.message == "Le siège social ne peut pas être supprimé")
    }

    @Test("a site's name is unique in its company, without case; another company may use it")
    func nameTaken() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let other = try await fixture.company("Beta", number: 10_000_002)
        let annexe = try await fixture.sites.createSite(
            draft("Annexe"), company: company.reference, in: .everything, context: context, at: now)
        let depot = try await fixture.sites.createSite(
            draft("Dépôt"), company: company.reference, in: .everything, context: context, at: now)
        await #expect(throws: SiteViolation.nameTaken) {
            try await fixture.sites.createSite(
                draft("annexe"), company: company.reference, in: .everything, context: context, at: now)
        }
        await #expect(throws: SiteViolation.nameTaken) {
            try await fixture.sites.createSite(
                draft("siège social"), company: company.reference, in: .everything, context: context, at: now)
        }
        await #expect(throws: SiteViolation.nameTaken) {
            try await fixture.sites.updateSite(depot.id, to: draft("ANNEXE"), in: .everything, context: context, at: now)
        }
        #expect(try await fixture.sites.site(depot.id, in: .everything)?.site.name == "Dépôt")
        // A site keeps its own name, in another case if it likes.
        let recased = try await fixture.sites.updateSite(
            annexe.id, to: draft("ANNEXE", city: "Lyon"), in: .everything, context: context, at: now)
        #expect(recased.site.name == "ANNEXE")
        _ = try await fixture.sites.createSite(
            draft("Annexe"), company: other.reference, in: .everything, context: context, at: now)
        #expect(try await fixture.sites.sites(of: company.reference, in: .everything).count == 3)
        #expect(try await fixture.events(.siteCreated).count == 3)
        #expect(SiteViolation.nameTaken.message == "Un site de ce nom existe déjà dans la société")
    }

    @Test("another tenant's company, site or contact does not exist; a partner reaches its clients'")
    func otherTenant() async throws {
        let fixture = try CompanyFixture()
        let partner = try await fixture.company("Partenaire", kind: .partner, number: 10_000_001)
        let client = try await fixture.company("Client", partner: partner.reference, number: 10_000_002)
        let stranger = try await fixture.company("Étranger", number: 10_000_003)
        let site = try await fixture.sites.createSite(
            draft("Agence"), company: stranger.reference, in: .everything, context: context, at: now)
        let contact = try await fixture.sites.createContact(
            try person("Durand"), siteID: site.id, company: stranger.reference, in: .everything, context: context, at: now)
        let scope = CompanyScope.company(partner.reference)

        #expect(try await fixture.sites.site(site.id, in: scope) == nil)
        #expect(try await fixture.sites.site(site.id, in: .nothing) == nil)
        #expect(try await fixture.sites.contact(contact.id, in: scope) == nil)
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.sites.sites(of: stranger.reference, in: scope)
        }
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.sites.contacts(of: stranger.reference, in: scope, page: PageRequest())
        }
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.sites.createSite(draft("Intrus"), company: stranger.reference, in: scope, context: context, at: now)
        }
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.sites.createContact(
                try person("Intrus"), siteID: nil, company: stranger.reference, in: scope, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.updateSite(site.id, to: draft("Pris"), in: scope, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.deleteSite(site.id, in: scope, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownContact) {
            try await fixture.sites.updateContact(
                contact.id, to: try person("Pris"), siteID: nil, in: scope, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownContact) {
            try await fixture.sites.deleteContact(contact.id, in: scope, context: context, at: now)
        }
        // Nothing of the stranger's changed.
        #expect(try await fixture.sites.site(site.id, in: .everything) == site)
        #expect(try await fixture.sites.contact(contact.id, in: .everything) == contact)
        #expect(try await fixture.events(.siteUpdated).isEmpty)

        // A partner reaches its client's sites; the client does not reach its partner's.
        let clientSite = try await fixture.sites.createSite(
            draft("Agence"), company: client.reference, in: scope, context: context, at: now)
        #expect(try await fixture.sites.site(clientSite.id, in: scope) == clientSite)
        #expect(try await fixture.sites.site(clientSite.id, in: .company(client.reference)) == clientSite)
        let partnerOffice = try #require(try await fixture.sites.sites(of: partner.reference, in: scope).first)
        #expect(try await fixture.sites.site(partnerOffice.id, in: .company(client.reference)) == nil)
        #expect(SiteViolation.unknownSite.message == "Ce site n'existe pas")
        #expect(SiteViolation.unknownContact.message == "Ce contact n'existe pas")
    }

    @Test("a contact is created with or without a site of its company, audited; a site of another company is refused")
    func createContact() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let other = try await fixture.company("Beta", number: 10_000_002)
        let site = try await fixture.sites.createSite(
            draft("Agence"), company: company.reference, in: .everything, context: context, at: now)
        let foreign = try await fixture.sites.createSite(
            draft("Agence"), company: other.reference, in: .everything, context: context, at: now)

        let loose = try await fixture.sites.createContact(
            try person("Martin"), siteID: nil, company: company.reference, in: .company(company.reference), context: context,
            at: now)
        #expect(loose.siteID == nil)
        #expect(loose.siteName == nil)
        #expect(loose.companyReference == company.reference.description)
        let martin = try person("Martin")
        #expect(loose.contact == martin)

        let full = ContactDraft(
            lastName: "Durand", firstName: "Paul", email: try EmailAddress("paul@alpha.fr"),
            phone: try PhoneNumber("06 12 34 56 78"),
            role: "Technique")
        let placed = try await fixture.sites.createContact(
            full, siteID: site.id, company: company.reference, in: .everything, context: context, at: now)
        #expect(placed.siteID == site.id)
        #expect(placed.siteName == "Agence")
        #expect(placed.contact == full)
        #expect(placed.createdAt == now)
        #expect(try await fixture.sites.contact(placed.id, in: .everything) == placed)

        let events = try await fixture.events(.contactCreated)
        #expect(events.count == 2)
        #expect(events.first?.companyReference == company.reference.description)
        #expect(
            events.first?.details == [
                "contact": String(placed.id), "last_name": "Durand", "first_name": "Paul", "email": "paul@alpha.fr",
                "phone": "06 12 34 56 78", "role": "Technique", "site": String(site.id),
            ])
        #expect(events.last?.details["site"] == "")

        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.createContact(
                try person("Intrus"), siteID: foreign.id, company: company.reference, in: .everything, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.createContact(
                try person("Intrus"), siteID: 9999, company: company.reference, in: .everything, context: context, at: now)
        }
        await #expect(throws: SiteViolation.unknownSite) {
            try await fixture.sites.updateContact(
                loose.id, to: loose.contact, siteID: foreign.id, in: .everything, context: context, at: now)
        }
        #expect(try await fixture.sites.contacts(of: company.reference, in: .everything, page: PageRequest()).items.count == 2)
        #expect(try await fixture.events(.contactCreated).count == 2)
    }

    @Test("a company's contacts come in creation order, a page at a time, the cursor of a page being its last contact")
    func contactPaging() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let other = try await fixture.company("Beta", number: 10_000_002)
        var created: [ContactRecord] = []
        for name in ["Zola", "Hugo", "Sand", "Balzac", "Camus"] {
            created.append(
                try await fixture.sites.createContact(
                    try person(name), siteID: nil, company: company.reference, in: .everything, context: context, at: now))
            _ = try await fixture.sites.createContact(
                try person(name + " (Beta)"), siteID: nil, company: other.reference, in: .everything, context: context, at: now)
        }
        var pages: [[String]] = []
        var cursor: Int64?
        repeat {
            let page = try await fixture.sites.contacts(
                of: company.reference, in: .everything, page: PageRequest(limit: 2, cursor: cursor))
            pages.append(page.items.map(\.contact.lastName))
            if let next = page.nextCursor { #expect(next == page.items.last?.id) }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(pages == [["Zola", "Hugo"], ["Sand", "Balzac"], ["Camus"]])

        let whole = try await fixture.sites.contacts(of: company.reference, in: .everything, page: PageRequest(limit: 5))
        #expect(whole.items == created)
        #expect(whole.nextCursor == nil)
        let empty = try await fixture.company("Gamma", number: 10_000_003)
        #expect(try await fixture.sites.contacts(of: empty.reference, in: .everything, page: PageRequest()).items.isEmpty)
    }

    @Test("a contact's update audits only its changes, its deletion audits what it was; then it is gone")
    func updateAndDeleteContact() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let site = try await fixture.sites.createSite(
            draft("Agence"), company: company.reference, in: .everything, context: context, at: now)
        let contact = try await fixture.sites.createContact(
            try person("Martin", email: "marie@alpha.fr"), siteID: nil, company: company.reference, in: .everything,
            context: context, at: now)
        let later = now.adding(.seconds(60))

        let changed = try person("Martin", email: "m.martin@alpha.fr", role: "Comptable")
        let updated = try await fixture.sites.updateContact(
            contact.id, to: changed, siteID: site.id, in: .company(company.reference), context: context, at: later)
        #expect(updated.contact == changed)
        #expect(updated.siteID == site.id)
        #expect(updated.siteName == "Agence")
        #expect(updated.createdAt == now)
        #expect(updated.updatedAt == later)
        #expect(try await fixture.sites.contact(contact.id, in: .everything) == updated)
        let update = try #require(try await fixture.events(.contactUpdated).first)
        #expect(update.companyReference == company.reference.description)
        #expect(update.occurredAt == later)
        #expect(
            update.details == [
                "contact": String(contact.id), "before.email": "marie@alpha.fr", "after.email": "m.martin@alpha.fr",
                "before.role": "", "after.role": "Comptable", "before.site": "", "after.site": String(site.id),
            ])

        try await fixture.sites.deleteContact(contact.id, in: .company(company.reference), context: context, at: later)
        #expect(try await fixture.sites.contact(contact.id, in: .everything) == nil)
        #expect(try await fixture.sites.contacts(of: company.reference, in: .everything, page: PageRequest()).items.isEmpty)
        let deletion = try #require(try await fixture.events(.contactDeleted).first)
        #expect(deletion.companyReference == company.reference.description)
        #expect(
            deletion.details == [
                "contact": String(contact.id), "last_name": "Martin", "first_name": "Marie", "email": "m.martin@alpha.fr",
                "phone": "", "role": "Comptable", "site": String(site.id),
            ])
        await #expect(throws: SiteViolation.unknownContact) {
            try await fixture.sites.deleteContact(contact.id, in: .everything, context: context, at: later)
        }
        await #expect(throws: SiteViolation.unknownContact) {
            try await fixture.sites.updateContact(
                contact.id, to: changed, siteID: nil, in: .everything, context: context, at: later)
        }
        #expect(try await fixture.events(.contactDeleted).count == 1)
    }
}
