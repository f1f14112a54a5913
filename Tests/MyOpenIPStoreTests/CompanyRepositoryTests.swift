import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("Company repository (in memory)")
struct CompanyRepositoryTests {
    let context = CompanyFixture.context
    let now = CompanyFixture.start

    func reference(_ text: String) throws -> CompanyReference {
        try CompanyReference(text)
    }

    /// Every company of `scope` that passes `filter`, by reference, as their names.
    func names(
        _ fixture: CompanyFixture, _ filter: CompanyFilter = CompanyFilter(), in scope: CompanyScope = .everything
    ) async throws -> [String] {
        try await fixture.companies.companies(filter, in: scope, order: .reference, after: nil, limit: 100).items.map(
            \.profile.name)
    }

    @Test(
        "a company gets the next reference, a head office named Siège Social, and a company.created event with its kind and partner"
    )
    func create() async throws {
        let fixture = try CompanyFixture()
        let first = try await fixture.company("Alpha Télécom", number: 10_000_001)
        #expect(first.reference.description == "OIP-00000001")
        #expect(first.kind == .client)
        #expect(first.partnerReference == nil)
        #expect(first.state == .active)
        #expect(first.createdAt == now)
        #expect(first.updatedAt == now)

        let address = PostalAddress(street: "1 rue de la Paix", postcode: "75002", city: "Paris")
        let profile = CompanyProfile(
            name: "Beta Réseaux", siren: CompanyFixture.siren(10_000_002), legalStatus: .sarl, website: "https://beta.example")
        let second = try await fixture.companies.create(
            profile, kind: .partner, partner: nil, headOffice: address, context: context, at: now)
        #expect(second.reference.description == "OIP-00000002")
        #expect(second.kind == .partner)
        #expect(second.profile == profile)
        #expect(try await fixture.companies.company(second.reference, in: .everything) == second)

        // The head office is created with the company: at the given address, else to be completed.
        let offices = try await fixture.sites.sites(of: second.reference, in: .everything)
        #expect(offices.count == 1)
        let office = try #require(offices.first)
        #expect(office.isHeadOffice)
        #expect(office.site.name == "Siège Social")
        #expect(office.site.address == address)
        #expect(office.companyReference == "OIP-00000002")
        let blank = try #require(try await fixture.sites.sites(of: first.reference, in: .everything).first)
        #expect(blank.isHeadOffice)
        #expect(blank.site.name == SiteDraft.headOfficeName)
        #expect(blank.site.address.street.isEmpty && blank.site.address.city.isEmpty)

        let events = try await fixture.events(.companyCreated)
        #expect(events.map(\.companyReference) == ["OIP-00000002", "OIP-00000001"])
        let event = try #require(events.first)
        #expect(event.actor == context.actor)
        #expect(event.occurredAt == now)
        #expect(
            event.details == [
                "kind": "partner", "partner": "", "state": "active", "name": "Beta Réseaux", "siren": profile.siren.description,
                "legal_status": "SARL", "comment": "", "website": "https://beta.example", "financial_situation": "healthy",
                "guarantee_type": "none", "mail_commercial": "", "mail_technical": "", "mail_sales_administration": "",
                "mail_administrative": "",
            ])
    }

    @Test("a client may belong to a partner, which its record and its company.created event name")
    func clientOfPartner() async throws {
        let fixture = try CompanyFixture()
        let partner = try await fixture.company("Intégrateur", kind: .partner, number: 10_000_001)
        let client = try await fixture.company("Client Final", partner: partner.reference, number: 10_000_002)
        #expect(client.partnerReference == partner.reference.description)
        #expect(try await fixture.companies.company(client.reference, in: .everything)?.partnerReference == "OIP-00000001")
        let event = try #require(try await fixture.events(.companyCreated).first)
        #expect(event.companyReference == client.reference.description)
        #expect(event.details["kind"] == "client")
        #expect(event.details["partner"] == "OIP-00000001")
    }

    @Test("a partner cannot belong to a partner, and a client cannot belong to a client or to a company that does not exist")
    func partnerRefusals() async throws {
        let fixture = try CompanyFixture()
        let partner = try await fixture.company("Intégrateur", kind: .partner, number: 10_000_001)
        let client = try await fixture.company("Client", number: 10_000_002)
        await #expect(throws: CompanyViolation.partnerOfPartner) {
            try await fixture.company("Sous-partenaire", kind: .partner, partner: partner.reference, number: 10_000_003)
        }
        await #expect(throws: CompanyViolation.unknownPartner) {
            try await fixture.company("Client de client", partner: client.reference, number: 10_000_004)
        }
        await #expect(throws: CompanyViolation.unknownPartner) {
            try await fixture.company("Client orphelin", partner: try reference("OIP-00000099"), number: 10_000_005)
        }
        // Nothing was written by the refused calls.
        #expect(try await names(fixture) == ["Intégrateur", "Client"])
        #expect(try await fixture.events(.companyCreated).count == 2)
        #expect(CompanyViolation.partnerOfPartner.message == "Seule une société cliente peut dépendre d'un partenaire")
        #expect(CompanyViolation.unknownPartner.message == "Ce partenaire n'existe pas")
    }

    @Test("a SIREN belongs to one company: creating or updating another with it is refused")
    func sirenTaken() async throws {
        let fixture = try CompanyFixture()
        let alpha = try await fixture.company("Alpha", number: 10_000_001)
        let beta = try await fixture.company("Beta", number: 10_000_002)
        await #expect(throws: CompanyViolation.sirenTaken) {
            try await fixture.company("Alpha bis", number: 10_000_001)
        }
        await #expect(throws: CompanyViolation.sirenTaken) {
            try await fixture.companies.update(beta.reference, in: .everything, context: context, at: now) { _, profile in
                profile.siren = alpha.profile.siren
            }
        }
        #expect(try await fixture.companies.company(beta.reference, in: .everything)?.profile.siren == beta.profile.siren)
        #expect(try await fixture.events(.companyUpdated).isEmpty)
        // Keeping its own SIREN, or taking a free one, is fine.
        let renamed = try await fixture.companies.update(alpha.reference, in: .everything, context: context, at: now) {
            _, profile in
            profile.name = "Alpha SA"
        }
        #expect(renamed.profile.siren == alpha.profile.siren)
        let moved = try await fixture.companies.update(beta.reference, in: .everything, context: context, at: now) { _, profile in
            profile.siren = CompanyFixture.siren(10_000_003)
        }
        #expect(moved.profile.siren == CompanyFixture.siren(10_000_003))
        #expect(CompanyViolation.sirenTaken.message == "Une société existe déjà avec ce numéro SIREN")
    }

    @Test(
        "a partner sees itself and its clients, a client only itself, no company nothing; outside the scope a company does not exist"
    )
    func scope() async throws {
        let fixture = try CompanyFixture()
        let partner = try await fixture.company("Partenaire", kind: .partner, number: 10_000_001)
        let client = try await fixture.company("Client du partenaire", partner: partner.reference, number: 10_000_002)
        let other = try await fixture.company("Autre partenaire", kind: .partner, number: 10_000_003)
        let stranger = try await fixture.company("Client de l'autre", partner: other.reference, number: 10_000_004)
        _ = try await fixture.company("Client direct", number: 10_000_005)

        #expect(try await names(fixture).count == 5)
        #expect(try await names(fixture, in: .company(partner.reference)) == ["Partenaire", "Client du partenaire"])
        #expect(try await names(fixture, in: .company(client.reference)) == ["Client du partenaire"])
        #expect(try await names(fixture, in: .nothing).isEmpty)

        #expect(try await fixture.companies.company(client.reference, in: .company(partner.reference)) == client)
        #expect(try await fixture.companies.company(stranger.reference, in: .company(partner.reference)) == nil)
        #expect(try await fixture.companies.company(partner.reference, in: .company(client.reference)) == nil)
        #expect(try await fixture.companies.company(partner.reference, in: .nothing) == nil)
        #expect(try await fixture.companies.company(try reference("OIP-00000099"), in: .everything) == nil)

        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.companies.update(stranger.reference, in: .company(partner.reference), context: context, at: now) {
                _, profile in
                profile.name = "Pris"
            }
        }
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.companies.update(partner.reference, in: .company(client.reference), context: context, at: now) {
                state, _ in
                state = .suspended
            }
        }
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.companies.update(client.reference, in: .nothing, context: context, at: now) { _, _ in }
        }
        #expect(try await fixture.companies.company(stranger.reference, in: .everything)?.profile.name == "Client de l'autre")
        // A partner may change its client.
        let changed = try await fixture.companies.update(
            client.reference, in: .company(partner.reference), context: context, at: now
        ) { _, profile in
            profile.comment = "Vu"
        }
        #expect(changed.profile.comment == "Vu")
        #expect(CompanyViolation.unknownCompany.message == "Cette société n'existe pas")
    }

    @Test(
        "a list filters on kind, state, partner, and text: part of a name (3 characters or more), a whole SIREN or reference, or a short text"
    )
    func filters() async throws {
        let fixture = try CompanyFixture()
        let partner = try await fixture.company("Alpha Télécom", kind: .partner, number: 10_000_001)
        let beta = try await fixture.company("Beta Réseaux", partner: partner.reference, number: 20_000_002)
        _ = try await fixture.company("Gamma Conseil", partner: partner.reference, number: 30_000_003)
        _ = try await fixture.company("Delta Télécom", number: 40_000_004)
        _ = try await fixture.companies.update(beta.reference, in: .everything, context: context, at: now) { state, _ in
            state = .suspended
        }

        #expect(try await names(fixture, CompanyFilter(kind: .partner)) == ["Alpha Télécom"])
        #expect(try await names(fixture, CompanyFilter(kind: .client)) == ["Beta Réseaux", "Gamma Conseil", "Delta Télécom"])
        #expect(try await names(fixture, CompanyFilter(state: .suspended)) == ["Beta Réseaux"])
        #expect(try await names(fixture, CompanyFilter(partner: partner.reference)) == ["Beta Réseaux", "Gamma Conseil"])
        #expect(
            try await names(fixture, CompanyFilter(kind: .client, state: .active, partner: partner.reference)) == [
                "Gamma Conseil"
            ])

        // Part of a name, without case.
        #expect(try await names(fixture, CompanyFilter(text: "télécom")) == ["Alpha Télécom", "Delta Télécom"])
        #expect(try await names(fixture, CompanyFilter(text: "TÉLÉ")) == ["Alpha Télécom", "Delta Télécom"])
        #expect(try await names(fixture, CompanyFilter(text: "seil")) == ["Gamma Conseil"])
        #expect(try await names(fixture, CompanyFilter(text: "  ésea ")) == ["Beta Réseaux"])
        #expect(try await names(fixture, CompanyFilter(text: "Omega")).isEmpty)
        // A whole SIREN (spaces allowed), a part of one, a whole reference (any case).
        let siren = CompanyFixture.siren(30_000_003).description
        let spaced = siren.prefix(3) + " " + siren.dropFirst(3).prefix(3) + " " + siren.suffix(3)
        #expect(try await names(fixture, CompanyFilter(text: String(spaced))) == ["Gamma Conseil"])
        #expect(try await names(fixture, CompanyFilter(text: "4000000")) == ["Delta Télécom"])
        #expect(try await names(fixture, CompanyFilter(text: "oip-00000002")) == ["Beta Réseaux"])
        #expect(try await names(fixture, CompanyFilter(text: "OIP-0000000")).count == 4)
        // Under three characters, the text is still looked for in names, references and SIRENs.
        #expect(try await names(fixture, CompanyFilter(text: "ma")) == ["Gamma Conseil"])
        #expect(try await names(fixture, CompanyFilter(text: "B")) == ["Beta Réseaux"])
        #expect(try await names(fixture, CompanyFilter(text: "%")).isEmpty)
        // Filters and scope together.
        #expect(try await names(fixture, CompanyFilter(text: "télécom"), in: .company(partner.reference)) == ["Alpha Télécom"])
    }

    @Test("a list pages by reference or by name (without case), each page starting after the cursor of the previous one")
    func paging() async throws {
        let fixture = try CompanyFixture()
        for (number, name) in ["delta", "Alpha", "echo", "Charlie", "bravo"].enumerated() {
            try await fixture.company(name, number: 10_000_000 + number)
        }
        func all(_ order: CompanyOrder, limit: Int, filter: CompanyFilter = CompanyFilter()) async throws -> [[String]] {
            var pages: [[String]] = []
            var cursor: CompanyCursor?
            repeat {
                let page = try await fixture.companies.companies(
                    filter, in: .everything, order: order, after: cursor, limit: limit)
                pages.append(page.items.map(\.profile.name))
                cursor = page.next
            } while cursor != nil
            return pages
        }
        #expect(try await all(.reference, limit: 2) == [["delta", "Alpha"], ["echo", "Charlie"], ["bravo"]])
        #expect(try await all(.name, limit: 2) == [["Alpha", "bravo"], ["Charlie", "delta"], ["echo"]])
        // A full last page says there is no more.
        #expect(try await all(.name, limit: 5) == [["Alpha", "bravo", "Charlie", "delta", "echo"]])
        #expect(try await all(.reference, limit: 10) == [["delta", "Alpha", "echo", "Charlie", "bravo"]])
        // The cursor of a page.
        let first = try await fixture.companies.companies(CompanyFilter(), in: .everything, order: .name, after: nil, limit: 2)
        #expect(first.next?.nameKey == "bravo")
        #expect(first.next?.id == first.items.last?.id)
        let byReference = try await fixture.companies.companies(
            CompanyFilter(), in: .everything, order: .reference, after: nil, limit: 2)
        #expect(byReference.next?.id == byReference.items.last?.id)
        // Pages keep the filter.
        #expect(try await all(.name, limit: 1, filter: CompanyFilter(text: "ha")) == [["Alpha"], ["Charlie"]])
    }

    @Test("an update keeps what it does not change and audits only the changed fields; a change to nothing writes no event")
    func update() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 10_000_001)
        let later = now.adding(.seconds(60))
        let mails = CompanyMails(technical: try EmailAddress("noc@alpha.fr"))
        let updated = try await fixture.companies.update(
            company.reference, in: .company(company.reference), context: context, at: later
        ) { state, profile in
            state = .suspended
            profile.name = "Alpha Groupe"
            profile.mails = mails
            profile.guaranteeType = .deposit
        }
        #expect(updated.state == .suspended)
        #expect(updated.profile.name == "Alpha Groupe")
        #expect(updated.profile.mails == mails)
        #expect(updated.profile.guaranteeType == .deposit)
        #expect(updated.profile.siren == company.profile.siren)
        #expect(updated.profile.legalStatus == company.profile.legalStatus)
        #expect(updated.createdAt == now)
        #expect(updated.updatedAt == later)
        #expect(try await fixture.companies.company(company.reference, in: .everything) == updated)

        let event = try #require(try await fixture.events(.companyUpdated).first)
        #expect(event.companyReference == company.reference.description)
        #expect(event.occurredAt == later)
        #expect(
            event.details == [
                "before.state": "active", "after.state": "suspended",
                "before.name": "Alpha", "after.name": "Alpha Groupe",
                "before.mail_technical": "", "after.mail_technical": "noc@alpha.fr",
                "before.guarantee_type": "none", "after.guarantee_type": "deposit",
            ])
        // The same values again, or no change at all: no event.
        _ = try await fixture.companies.update(company.reference, in: .everything, context: context, at: later) { _, _ in }
        _ = try await fixture.companies.update(company.reference, in: .everything, context: context, at: later) { _, profile in
            profile.name = "Alpha Groupe"
        }
        #expect(try await fixture.events(.companyUpdated).count == 1)
        // A renamed company is found by its new name.
        #expect(try await names(fixture, CompanyFilter(text: "groupe")) == ["Alpha Groupe"])
        #expect(try await names(fixture, CompanyFilter(text: "Alpha")) == ["Alpha Groupe"])
    }
}
