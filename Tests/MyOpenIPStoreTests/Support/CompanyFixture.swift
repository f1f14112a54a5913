import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

/// An in-memory store with the repositories of companies and what belongs to them (sites,
/// contacts, rights, the audit trail), and helpers that make companies and accounts.
struct CompanyFixture: Sendable {
    static let context = AuditContext(actor: "operator(uid=0)", requestID: "test")
    /// 2017-02-15T00:00:00Z.
    static let start = Timestamp(milliseconds: 1_487_116_800_000)

    let store: Store
    let companies: SQLiteCompanyRepository
    let sites: SQLiteSiteRepository
    let rights: SQLiteRightsRepository
    let accounts: SQLiteIdentityRepository
    let audit: SQLiteAuditLogRepository

    init() throws {
        store = try Store(inMemoryWith: .everyDomain)
        companies = SQLiteCompanyRepository(store: store)
        sites = SQLiteSiteRepository(store: store)
        rights = SQLiteRightsRepository(store: store)
        accounts = SQLiteIdentityRepository(store: store)
        audit = SQLiteAuditLogRepository(store: store)
    }

    /// A valid SIREN (Luhn) whose first eight digits are `number`.
    static func siren(_ number: Int) -> Siren {
        let base = String(format: "%08d", number)
        for check in 0...9 {
            if let siren = try? Siren(base + String(check)) { return siren }
        }
        fatalError("no check digit for \(base)")
    }

    /// Creates a company (a client of `partner` when given).
    @discardableResult
    func company(
        _ name: String, kind: CompanyKind = .client, partner: CompanyReference? = nil, number: Int
    ) async throws -> CompanyRecord {
        let profile = CompanyProfile(name: name, siren: Self.siren(number), legalStatus: .sas)
        return try await companies.create(
            profile, kind: kind, partner: partner, headOffice: nil, context: Self.context, at: Self.start)
    }

    /// Creates an account of `company` (its password link is of no use here).
    func account(_ email: String, kind: AccountKind = .clientUser, company: CompanyReference) async throws -> AccountRecord {
        let draft = try AccountDraft(displayName: "Jean Dupont", email: email, kind: kind, companyReference: company.description)
        let link = NewPasswordLink(
            tokenDigest: "digest-" + email, purpose: .initialisation, expiresAt: Self.start.adding(.seconds(3600)))
        return try await accounts.createAccount(
            draft, link: link,
            mail: { _ in
                OutgoingMail(
                    recipient: email, subject: "s", body: "b", template: "password_initialisation", secret: nil,
                    messageID: MessageID.new(domain: "myopenip.example"))
            },
            context: Self.context, at: Self.start)
    }

    /// Every audit event of `action`, newest first.
    func events(_ action: AuditAction, scope: CompanyScope = .everything) async throws -> [AuditEventRecord] {
        try await audit.events(
            AuditFilter(action: action.rawValue, scope: scope), page: PageRequest(limit: PageRequest.maximumSize)
        ).items
    }
}
