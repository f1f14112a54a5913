import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("Audit trail (in memory)")
struct AuditTrailTests {
    let context = CompanyFixture.context
    let now = CompanyFixture.start

    /// Two tenants: a partner with a client, and a company of its own; a user of each, and an
    /// operator without a company.
    struct Tenants {
        let fixture: CompanyFixture
        let partner: CompanyRecord
        let client: CompanyRecord
        let stranger: CompanyRecord
        let partnerUser: AccountRecord
        let clientUser: AccountRecord
        let strangerUser: AccountRecord
        let staff: AccountRecord

        init() async throws {
            fixture = try CompanyFixture()
            partner = try await fixture.company("Partenaire", kind: .partner, number: 10_000_001)
            client = try await fixture.company("Client", partner: partner.reference, number: 10_000_002)
            stranger = try await fixture.company("Étranger", number: 10_000_003)
            partnerUser = try await fixture.account("paul@partenaire.fr", kind: .partnerUser, company: partner.reference)
            clientUser = try await fixture.account("claire@client.fr", company: client.reference)
            strangerUser = try await fixture.account("sam@etranger.fr", company: stranger.reference)
            let draft = try AccountDraft(
                displayName: "Opérateur", email: "ops@myopenip.fr", kind: .operatorStaff, companyReference: "")
            let link = NewPasswordLink(
                tokenDigest: "digest-ops", purpose: .initialisation, expiresAt: CompanyFixture.start.adding(.seconds(3600)))
            staff = try await fixture.accounts.createAccount(
                draft, link: link,
                mail: { _ in
                    OutgoingMail(
                        recipient: "ops@myopenip.fr", subject: "s", body: "b", template: "password_initialisation", secret: nil,
                        messageID: MessageID.new(domain: "myopenip.example"))
                },
                context: CompanyFixture.context, at: CompanyFixture.start)
        }

        func events(_ filter: AuditFilter) async throws -> [AuditEventRecord] {
            try await fixture.audit.events(filter, page: PageRequest(limit: PageRequest.maximumSize)).items
        }
    }

    /// Makes one company per name, a minute apart, each by its own actor and request.
    func companies(_ names: [String], in fixture: CompanyFixture) async throws -> [CompanyRecord] {
        var made: [CompanyRecord] = []
        for (index, name) in names.enumerated() {
            let profile = CompanyProfile(name: name, siren: CompanyFixture.siren(20_000_000 + index), legalStatus: .sas)
            let context = AuditContext(actor: "operator(uid=\(index))", requestID: "request-\(index)")
            made.append(
                try await fixture.companies.create(
                    profile, kind: .client, partner: nil, headOffice: nil, context: context, at: now.adding(.seconds(60 * index)))
            )
        }
        return made
    }

    @Test("events come newest first")
    func newestFirst() async throws {
        let fixture = try CompanyFixture()
        let made = try await companies(["Un", "Deux", "Trois"], in: fixture)
        _ = try await fixture.companies.update(
            made[0].reference, in: .everything, context: context, at: now.adding(.seconds(600))
        ) { _, profile in
            profile.name = "Premier"
        }
        let events = try await fixture.audit.events(AuditFilter(), page: PageRequest()).items
        #expect(events.map(\.action) == ["company.updated", "company.created", "company.created", "company.created"])
        #expect(events.map(\.companyReference) == ["OIP-00000001", "OIP-00000003", "OIP-00000002", "OIP-00000001"])
        #expect(events.map(\.occurredAt) == [600, 120, 60, 0].map { now.adding(.seconds($0)) })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.id > $1.id })
    }

    @Test("events come a page at a time: each page starts below the cursor of the previous one, and the last has none")
    func paging() async throws {
        let fixture = try CompanyFixture()
        _ = try await companies(["A", "B", "C", "D", "E"], in: fixture)
        let everything = try await fixture.audit.events(AuditFilter(), page: PageRequest()).items
        #expect(everything.count == 5)

        var pages: [[String?]] = []
        var cursor: Int64?
        repeat {
            let page = try await fixture.audit.events(AuditFilter(), page: PageRequest(limit: 2, cursor: cursor))
            pages.append(page.items.map(\.companyReference))
            if let next = page.nextCursor { #expect(next == page.items.last?.id) }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(pages == [["OIP-00000005", "OIP-00000004"], ["OIP-00000003", "OIP-00000002"], ["OIP-00000001"]])

        // A page that ends exactly on the last event says there is no more.
        let whole = try await fixture.audit.events(AuditFilter(), page: PageRequest(limit: 5))
        #expect(whole.items == everything)
        #expect(whole.nextCursor == nil)
        let below = try await fixture.audit.events(AuditFilter(), page: PageRequest(limit: 10, cursor: everything[1].id))
        #expect(below.items == Array(everything.dropFirst(2)))
        #expect(below.nextCursor == nil)
    }

    @Test("events can be filtered on their action")
    func byAction() async throws {
        let tenants = try await Tenants()
        let created = try await tenants.events(AuditFilter(action: "company.created"))
        #expect(created.map(\.companyReference) == ["OIP-00000003", "OIP-00000002", "OIP-00000001"])
        let accounts = try await tenants.events(AuditFilter(action: AuditAction.accountCreated.rawValue))
        #expect(
            accounts.map(\.accountLogin)
                == [tenants.staff, tenants.strangerUser, tenants.clientUser, tenants.partnerUser].map(\.login.description))
        #expect(accounts.allSatisfy { $0.action == "account.created" })
        #expect(try await tenants.events(AuditFilter(action: "company.deleted")).isEmpty)
    }

    @Test("events can be filtered on the account they are about, by its login")
    func byAccount() async throws {
        let tenants = try await Tenants()
        let login = tenants.clientUser.login
        let events = try await tenants.events(AuditFilter(accountLogin: login))
        #expect(events.map(\.action) == ["password.link_issued", "account.created"])
        #expect(events.allSatisfy { $0.accountLogin == login.description })
        let created = try #require(events.last)
        #expect(created.details["company_reference"] == tenants.client.reference.description)
        #expect(created.details["email"] == "claire@client.fr")
        #expect(try await tenants.events(AuditFilter(accountLogin: login, action: "account.created")).count == 1)
        let nobody = try #require(AccountLogin(sequence: 99))
        #expect(try await tenants.events(AuditFilter(accountLogin: nobody)).isEmpty)
    }

    @Test("events can be filtered on a company by its reference: those about it and about its users")
    func byCompany() async throws {
        let tenants = try await Tenants()
        let fixture = tenants.fixture
        let site = SiteDraft(name: "Agence", address: PostalAddress(street: "1 place Bellecour", postcode: "69002", city: "Lyon"))
        _ = try await fixture.sites.createSite(
            site, company: tenants.client.reference, in: .everything, context: context, at: now)
        _ = try await fixture.sites.createSite(
            site, company: tenants.stranger.reference, in: .everything, context: context, at: now)

        let events = try await tenants.events(AuditFilter(companyReference: tenants.client.reference))
        // The client's user (created by the fixture) is part of the client's trail.
        #expect(events.map(\.action) == ["site.created", "password.link_issued", "account.created", "company.created"])
        #expect(events.filter { $0.companyReference == nil }.allSatisfy { $0.accountLogin != nil })
        #expect(!events.contains { $0.companyReference == tenants.stranger.reference.description })
        #expect(
            try await tenants.events(AuditFilter(action: "site.created", companyReference: tenants.stranger.reference)).count == 1
        )
        // A company outside the scope has no events for the caller.
        #expect(
            try await tenants.events(
                AuditFilter(companyReference: tenants.stranger.reference, scope: .company(tenants.partner.reference))
            ).isEmpty)
        #expect(try await tenants.events(AuditFilter(companyReference: try CompanyReference("OIP-00000099"))).isEmpty)
    }

    @Test("a company's scope sees the events about its companies and their users, never another tenant's or the operator's")
    func scope() async throws {
        let tenants = try await Tenants()
        func about(_ events: [AuditEventRecord]) -> Set<String> {
            Set(events.map { "\($0.action) \($0.companyReference ?? $0.accountLogin ?? "-")" })
        }
        func created(_ company: CompanyRecord) -> String { "company.created \(company.reference)" }
        func user(_ account: AccountRecord) -> [String] {
            ["account.created \(account.login)", "password.link_issued \(account.login)"]
        }

        let partnerScope = try await tenants.events(AuditFilter(scope: .company(tenants.partner.reference)))
        #expect(
            about(partnerScope)
                == Set(
                    [created(tenants.partner), created(tenants.client)] + user(tenants.partnerUser) + user(tenants.clientUser)))
        #expect(zip(partnerScope, partnerScope.dropFirst()).allSatisfy { $0.id > $1.id })

        let clientScope = try await tenants.events(AuditFilter(scope: .company(tenants.client.reference)))
        #expect(about(clientScope) == Set([created(tenants.client)] + user(tenants.clientUser)))

        let strangerScope = try await tenants.events(AuditFilter(scope: .company(tenants.stranger.reference)))
        #expect(about(strangerScope) == Set([created(tenants.stranger)] + user(tenants.strangerUser)))

        #expect(try await tenants.events(AuditFilter(scope: .nothing)).isEmpty)
        let all = try await tenants.events(AuditFilter(scope: .everything))
        #expect(all.count == 3 + 4 * 2)
        #expect(about(all).isSuperset(of: user(tenants.staff)))

        // Filters narrow the scope, never widen it.
        let scopedLogin = AuditFilter(accountLogin: tenants.strangerUser.login, scope: .company(tenants.partner.reference))
        #expect(try await tenants.events(scopedLogin).isEmpty)
        let scopedAction = AuditFilter(action: "company.created", scope: .company(tenants.partner.reference))
        #expect(try await tenants.events(scopedAction).map(\.companyReference) == ["OIP-00000002", "OIP-00000001"])
    }

    @Test("an event keeps the actor and the request id of the change's audit context, and its time")
    func context() async throws {
        let fixture = try CompanyFixture()
        let made = try await companies(["Un", "Deux"], in: fixture)
        let events = try await fixture.events(.companyCreated)
        #expect(events.map(\.actor) == ["operator(uid=1)", "operator(uid=0)"])
        #expect(events.map(\.requestID) == ["request-1", "request-0"])

        let caller = AuditContext(actor: "E-0000000042", requestID: "0f9a3c1e-request")
        let later = now.adding(.seconds(3600))
        _ = try await fixture.companies.update(made[1].reference, in: .everything, context: caller, at: later) { state, _ in
            state = .closed
        }
        let event = try #require(try await fixture.events(.companyUpdated).first)
        #expect(event.actor == "E-0000000042")
        #expect(event.requestID == "0f9a3c1e-request")
        #expect(event.occurredAt == later)
        #expect(event.companyReference == made[1].reference.description)
        #expect(event.accountLogin == nil)

        // Without a request id, none is made up.
        let site = SiteDraft(name: "Agence", address: PostalAddress(street: "1 rue", postcode: "75001", city: "Paris"))
        _ = try await fixture.sites.createSite(
            site, company: made[0].reference, in: .everything, context: AuditContext(actor: "anonymous"), at: later)
        let anonymous = try #require(try await fixture.events(.siteCreated).first)
        #expect(anonymous.actor == "anonymous")
        #expect(anonymous.requestID == nil)
    }
}
