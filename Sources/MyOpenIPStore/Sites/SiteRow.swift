import GRDB
import MyOpenIPDomain

/// A row of `site`: one site of a company, the head office among them.
struct SiteRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "site"

    var id: Int64?
    var companyID: Int64
    var isHeadOffice: Bool
    var name: String
    var street: String
    var complement: String
    var postcode: String
    var city: String
    var country: String
    var phone: String?
    var openingHours: String
    var iban: String?
    var bic: String?
    var accountHolder: String?
    var createdAt: Int64
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, name, street, complement, postcode, city, country, phone, iban, bic
        case companyID = "company_id"
        case isHeadOffice = "is_head_office"
        case openingHours = "opening_hours"
        case accountHolder = "account_holder"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let companyID = Column(CodingKeys.companyID)
        static let isHeadOffice = Column(CodingKeys.isHeadOffice)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A new site of company `companyID`.
    init(_ site: SiteDraft, companyID: Int64, isHeadOffice: Bool = false, at now: Timestamp) {
        self.companyID = companyID
        self.isHeadOffice = isHeadOffice
        name = ""
        street = ""
        complement = ""
        postcode = ""
        city = ""
        country = ""
        openingHours = ""
        createdAt = now.milliseconds
        updatedAt = now.milliseconds
        set(site, at: now)
    }

    /// The head office every company gets when it is created ("Siège Social"), at `address` if
    /// given, else to be completed.
    static func headOffice(of companyID: Int64, address: PostalAddress?, at now: Timestamp) -> SiteRow {
        let address = address ?? PostalAddress(street: "", postcode: "", city: "")
        return SiteRow(
            SiteDraft(name: SiteDraft.headOfficeName, address: address), companyID: companyID, isHeadOffice: true, at: now)
    }

    /// Takes every editable field of `site`.
    mutating func set(_ site: SiteDraft, at now: Timestamp) {
        name = site.name
        street = site.address.street
        complement = site.address.complement
        postcode = site.address.postcode
        city = site.address.city
        country = site.address.country
        phone = site.phone?.description
        openingHours = site.openingHours
        iban = site.payment?.iban.description
        bic = site.payment?.bic.description
        accountHolder = site.payment?.holder
        updatedAt = now.milliseconds
    }

    /// The site as the rest of the daemon sees it (fields the domain no longer accepts read as
    /// absent rather than failing the whole list).
    var record: SiteRecord {
        var payment: PaymentDetails?
        if let iban = iban.flatMap({ try? Iban($0) }), let bic = bic.flatMap({ try? Bic($0) }) {
            payment = PaymentDetails(iban: iban, bic: bic, holder: accountHolder ?? "")
        }
        let site = SiteDraft(
            name: name,
            address: PostalAddress(street: street, complement: complement, postcode: postcode, city: city, country: country),
            phone: phone.flatMap { try? PhoneNumber($0) }, openingHours: openingHours, payment: payment)
        return SiteRecord(
            id: id ?? 0, companyReference: CompanyReference(sequence: companyID)?.description ?? "", companyID: companyID,
            isHeadOffice: isHeadOffice, site: site, createdAt: Timestamp(milliseconds: createdAt),
            updatedAt: Timestamp(milliseconds: updatedAt))
    }
}

extension DerivableRequest<SiteRow> {
    /// The sites of the companies of `scope`.
    func visible(in scope: CompanyScope) -> Self {
        filter(CompanyRow.all().visible(in: scope).select(CompanyRow.Columns.id).contains(SiteRow.Columns.companyID))
    }

    /// The sites of a company called `name` (without ASCII case), but `except`.
    func named(_ name: String, companyID: Int64, except: Int64?) -> Self {
        var request = filter(SiteRow.Columns.companyID == companyID && SiteRow.Columns.name.collating(.nocase) == name)
        if let except { request = request.filter(SiteRow.Columns.id != except) }
        return request
    }
}

extension SiteRow {
    /// The site `id` if its company is in `scope` (a statement prepared once).
    static func fetch(_ id: Int64, in scope: CompanyScope, db: Database) throws -> SiteRow? {
        let visible = scope.condition(onCompanyID: "site.company_id")
        return try SiteRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM site WHERE site.id = ? AND \(visible.condition)"),
            arguments: [id] + visible.arguments)
    }

    /// The sites of the company `companyID`, the head office first, then by name.
    static func all(of companyID: Int64, db: Database) throws -> [SiteRow] {
        try SiteRow.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM site WHERE company_id = ? ORDER BY is_head_office DESC, name"),
            arguments: [companyID])
    }
}
