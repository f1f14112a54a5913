import GRDB
import MyOpenIPDomain

/// A row of `contact`: one person of a company's contacts directory.
struct ContactRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "contact"

    var id: Int64?
    var companyID: Int64
    var siteID: Int64?
    var lastName: String
    var firstName: String
    var email: String?
    var phone: String?
    var role: String
    var createdAt: Int64
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, email, phone, role
        case companyID = "company_id"
        case siteID = "site_id"
        case lastName = "last_name"
        case firstName = "first_name"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let companyID = Column(CodingKeys.companyID)
        static let siteID = Column(CodingKeys.siteID)
    }

    static let site = belongsTo(SiteRow.self, using: ForeignKey([Columns.siteID]))

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A new contact of company `companyID`.
    init(_ contact: ContactDraft, siteID: Int64?, companyID: Int64, at now: Timestamp) {
        self.companyID = companyID
        lastName = ""
        firstName = ""
        role = ""
        createdAt = now.milliseconds
        updatedAt = now.milliseconds
        set(contact, siteID: siteID, at: now)
    }

    /// Takes every editable field of `contact`, and its site.
    mutating func set(_ contact: ContactDraft, siteID: Int64?, at now: Timestamp) {
        self.siteID = siteID
        lastName = contact.lastName
        firstName = contact.firstName
        email = contact.email?.description
        phone = contact.phone?.description
        role = contact.role
        updatedAt = now.milliseconds
    }

    var draft: ContactDraft {
        ContactDraft(
            lastName: lastName, firstName: firstName, email: email.flatMap { try? EmailAddress($0) },
            phone: phone.flatMap { try? PhoneNumber($0) }, role: role)
    }
}

/// A contact with the name of its site, as lists and answers show it.
struct ContactWithSite: Decodable, Sendable, FetchableRecord {
    var contact: ContactRow
    var site: SiteName?

    /// The one column of the site that a contact shows.
    struct SiteName: Decodable, Sendable {
        var name: String
    }

    /// `contacts` with the names of their sites.
    static func request(_ contacts: QueryInterfaceRequest<ContactRow> = ContactRow.all()) -> QueryInterfaceRequest<
        ContactWithSite
    > {
        contacts.including(optional: ContactRow.site.select(SiteRow.Columns.name)).asRequest(of: ContactWithSite.self)
    }

    var record: ContactRecord {
        ContactRecord(
            id: contact.id ?? 0, companyReference: CompanyReference(sequence: contact.companyID)?.description ?? "",
            companyID: contact.companyID, siteID: contact.siteID, siteName: site?.name, contact: contact.draft,
            createdAt: Timestamp(milliseconds: contact.createdAt), updatedAt: Timestamp(milliseconds: contact.updatedAt))
    }
}

extension DerivableRequest<ContactRow> {
    /// The contacts of the companies of `scope`.
    func visible(in scope: CompanyScope) -> Self {
        filter(CompanyRow.all().visible(in: scope).select(CompanyRow.Columns.id).contains(ContactRow.Columns.companyID))
    }
}
