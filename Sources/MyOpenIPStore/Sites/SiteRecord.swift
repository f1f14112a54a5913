import GRDB
import MyOpenIPDomain

/// One stored site of a company.
public struct SiteRecord: Sendable, Hashable {
    public var id: Int64
    public var companyReference: String
    var companyID: Int64
    public var isHeadOffice: Bool
    public var site: SiteDraft
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    static let columns = """
        s.id, (SELECT reference FROM company WHERE id = s.company_id), s.is_head_office, s.name, s.street, s.complement,
        s.postcode, s.city, s.country, s.phone, s.opening_hours, s.iban, s.bic, s.account_holder, s.created_at, s.updated_at,
        s.company_id
        """

    init(row: Row) {
        id = row[0]
        companyReference = row[1]
        isHeadOffice = row[2]
        var payment: PaymentDetails?
        if let iban = (row[11] as String?).flatMap({ try? Iban($0) }), let bic = (row[12] as String?).flatMap({ try? Bic($0) }) {
            payment = PaymentDetails(iban: iban, bic: bic, holder: row[13] ?? "")
        }
        site = SiteDraft(
            name: row[3],
            address: PostalAddress(street: row[4], complement: row[5], postcode: row[6], city: row[7], country: row[8]),
            phone: (row[9] as String?).flatMap { try? PhoneNumber($0) }, openingHours: row[10], payment: payment)
        createdAt = Timestamp(milliseconds: row[14])
        updatedAt = Timestamp(milliseconds: row[15])
        companyID = row[16]
    }

    /// The values of the editable columns, in the order name … account_holder.
    static func values(_ site: SiteDraft) -> [(any DatabaseValueConvertible)?] {
        [
            site.name, site.address.street, site.address.complement, site.address.postcode, site.address.city,
            site.address.country, site.phone?.description, site.openingHours, site.payment?.iban.description,
            site.payment?.bic.description, site.payment?.holder,
        ]
    }
}

/// One stored contact of a company's directory.
public struct ContactRecord: Sendable, Hashable {
    public var id: Int64
    public var companyReference: String
    var companyID: Int64
    public var siteID: Int64?
    public var siteName: String?
    public var contact: ContactDraft
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    static let columns = """
        k.id, (SELECT reference FROM company WHERE id = k.company_id), k.site_id, (SELECT name FROM site WHERE id = k.site_id),
        k.last_name, k.first_name, k.email, k.phone, k.role, k.created_at, k.updated_at, k.company_id
        """

    init(row: Row) {
        id = row[0]
        companyReference = row[1]
        siteID = row[2]
        siteName = row[3]
        contact = ContactDraft(
            lastName: row[4], firstName: row[5], email: (row[6] as String?).flatMap { try? EmailAddress($0) },
            phone: (row[7] as String?).flatMap { try? PhoneNumber($0) }, role: row[8])
        createdAt = Timestamp(milliseconds: row[9])
        updatedAt = Timestamp(milliseconds: row[10])
        companyID = row[11]
    }
}
