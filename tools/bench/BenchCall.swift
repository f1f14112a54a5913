import ArgumentParser
import Foundation
import MyOpenIPClient
import Synchronization

/// What each measured call does.
enum BenchCall: String, ExpressibleByArgument, CaseIterable {
    /// `grpc.health.v1.Health/Check`: public, no authentication, no database.
    case health
    /// `IdentityService/WhoAmI` with a session token: the authenticated path (session lookup,
    /// terms check) plus one account read.
    case whoami
    /// `IdentityService/Login` with the right password: the scrypt KDF, then a session written.
    case login
    /// `SiteService/UpdateSite` with a session: a write transaction with its audit event.
    case updateSite = "update-site"
    /// The same with a new idempotency key each call: the key reserved, then the answer kept.
    case updateSiteKeyed = "update-site-keyed"
    /// The same with one key for every call: after the first, each call is an answer replayed.
    case updateSiteReplayed = "update-site-replayed"
    /// `CompanyService/GetCompany` then `SiteService/ListSites` with a session: a company read
    /// with its sites, as the "Ma société" page needs (two calls a round).
    case companyPage = "company-page"
    /// A client's quote of two products with its contacts, then `QuoteService/PlaceOrder` with
    /// an idempotency key (six writes a round, the last creating an order and two contracted offers).
    case placeOrder = "place-order"

    static let password = "Bench-Mark-2026!"

    var title: String {
        switch self {
        case .health: return "Health/Check round trips"
        case .whoami: return "authenticated WhoAmI round trips"
        case .login: return "Login round trips (scrypt N=2^15, r=8, p=1)"
        case .updateSite: return "UpdateSite round trips (one write and its audit event)"
        case .updateSiteKeyed: return "UpdateSite round trips, a new idempotency key each"
        case .updateSiteReplayed: return "UpdateSite round trips, one idempotency key replayed"
        case .companyPage: return "GetCompany then ListSites (a company with its sites)"
        case .placeOrder: return "a quote of two products with contacts, then PlaceOrder keyed (6 calls a round)"
        }
    }

    /// Whether the measured calls need a session.
    var needsSession: Bool { self != .health && self != .login }

    /// Whether the measured calls write a site.
    var needsSite: Bool { [.updateSite, .updateSiteKeyed, .updateSiteReplayed, .companyPage].contains(self) }

    /// Makes what the calls use through the operator's Unix socket: a staff account and, for the
    /// site writes, a company with a site.
    static func prepare(_ call: BenchCall, socketPath: String) async throws -> BenchFixture {
        guard call != .health else { return BenchFixture(login: "", siteID: 0) }
        if call == .placeOrder { return try await OrderBench.prepare(socketPath: socketPath) }
        let login = try await prepareAccount(socketPath: socketPath)
        guard call.needsSite else { return BenchFixture(login: login, siteID: 0) }
        return try await prepareSite(login: login, socketPath: socketPath)
    }

    /// A company with a site, for the site writes and the company reads.
    static func prepareSite(login: String, socketPath: String) async throws -> BenchFixture {
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await admin.close() } }
        var company = Myopenip_V1_CreateCompanyRequest()
        company.kind = .client
        company.name = "Bench"
        company.siren = "552081317"
        company.legalStatus = "SAS"
        let reference = try await admin.companies.create(company).reference
        let site = try await admin.sites.create(companyReference: reference, fields: siteFields)
        return BenchFixture(login: login, siteID: site.id, companyReference: reference)
    }

    /// The site's fields with opening hours no call sent before: every update writes (a change
    /// to nothing writes nothing, and would measure no commit).
    static func changedSite() -> Myopenip_V1_SiteFields {
        var fields = siteFields
        fields.openingHours = "Du lundi au vendredi, 9h-18h (\(updates.add(1, ordering: .relaxed).newValue))"
        return fields
    }

    /// The updates made so far, for ``changedSite()``.
    static let updates = Atomic<Int>(0)

    static let siteFields: Myopenip_V1_SiteFields = {
        var fields = Myopenip_V1_SiteFields()
        fields.name = "Agence de Clichy"
        fields.address.street = "37-39 rue de Neuilly"
        fields.address.postcode = "92110"
        fields.address.city = "Clichy"
        fields.phone = "01 47 56 00 00"
        return fields
    }()

    /// Makes the staff account the authenticated calls use and returns its login.
    static func prepareAccount(socketPath: String) async throws -> String {
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await admin.close() } }
        let account = try await admin.identity.createAccount(
            displayName: "Bench", email: "bench-\(UUID().uuidString.prefix(8).lowercased())@example.fr", kind: .operatorStaff)
        let mail = try await admin.mail.list(accountLogin: account.login).mails.first
        guard let body = mail?.body, let range = body.range(of: "token=") else {
            throw ValidationError("the initialisation mail of \(account.login) has no link")
        }
        let token = String(body[range.upperBound...].prefix { !$0.isWhitespace })
        _ = try await admin.identity.setPassword(token: token, password: password, confirmation: password)
        return account.login
    }

    /// One call on `client`.
    func perform(on client: MyOpenIPClient, fixture: BenchFixture) async throws {
        switch self {
        case .health: _ = try await client.health.check()
        case .whoami: _ = try await client.identity.whoAmI()
        case .login: try await client.identity.login(identifier: fixture.login, password: Self.password)
        case .updateSite:
            _ = try await client.sites.update(id: fixture.siteID, fields: Self.changedSite(), paths: ["opening_hours"])
        case .updateSiteKeyed:
            _ = try await client.sites.update(
                id: fixture.siteID, fields: Self.changedSite(), paths: ["opening_hours"],
                options: .idempotencyKey(UUID().uuidString))
        case .updateSiteReplayed:
            _ = try await client.sites.update(
                id: fixture.siteID, fields: Self.siteFields, options: .idempotencyKey("bench-replayed"))
        case .companyPage:
            _ = try await client.companies.get(reference: fixture.companyReference)
            _ = try await client.sites.list(companyReference: fixture.companyReference)
        case .placeOrder:
            try await OrderBench.placeOrder(on: client, fixture: fixture)
        }
    }
}

/// What the measured calls work on.
struct BenchFixture: Sendable {
    /// The staff account's login (empty for health).
    var login: String
    /// The site the site writes update.
    var siteID: Int64
    /// The company of that site.
    var companyReference: String = ""
    /// What orders use (place-order).
    var order: OrderFixture? = nil
}
