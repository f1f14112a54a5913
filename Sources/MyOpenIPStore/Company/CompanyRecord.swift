import GRDB
import MyOpenIPDomain

/// One stored company.
public struct CompanyRecord: Sendable, Hashable {
    public var id: Int64
    public var reference: CompanyReference
    public var kind: CompanyKind
    /// The partner this client company belongs to, if any.
    public var partnerReference: String?
    public var state: CompanyState
    public var profile: CompanyProfile
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The columns ``init(row:)`` reads, in its order, for a query on `company c`.
    static let columns = """
        c.id, c.reference, c.kind, (SELECT reference FROM company WHERE id = c.partner_id), c.state, c.name, c.siren,
        c.legal_status, c.comment, c.website, c.financial_situation, c.guarantee_type, c.mail_commercial,
        c.mail_technical, c.mail_sales_administration, c.mail_administrative, c.created_at, c.updated_at
        """

    init(row: Row) throws {
        id = row[0]
        let corrupt = StoreError.corruptRow(table: "company", id: row[0])
        guard let reference = try? CompanyReference(row[1]), let kind = CompanyKind(rawValue: row[2]),
              let state = CompanyState(rawValue: row[4]), let siren = try? Siren(row[6]),
              let status = LegalStatus(rawValue: row[7]), let situation = FinancialSituation(rawValue: row[10]),
              let guarantee = GuaranteeType(rawValue: row[11])
        else { throw corrupt }
        func mail(_ index: Int) -> EmailAddress? { (row[index] as String?).flatMap { try? EmailAddress($0) } }
        self.reference = reference
        self.kind = kind
        partnerReference = row[3]
        self.state = state
        profile = CompanyProfile(
            name: row[5], siren: siren, legalStatus: status, comment: row[8], website: row[9],
            financialSituation: situation, guaranteeType: guarantee,
            mails: CompanyMails(commercial: mail(12), technical: mail(13), salesAdministration: mail(14), administrative: mail(15)))
        createdAt = Timestamp(milliseconds: row[16])
        updatedAt = Timestamp(milliseconds: row[17])
    }

    /// The facts an audit event keeps of the company, to show what an update changed.
    var auditFacts: [String: String] {
        [
            "state": state.rawValue, "name": profile.name, "siren": profile.siren.description,
            "legal_status": profile.legalStatus.rawValue, "comment": profile.comment, "website": profile.website,
            "financial_situation": profile.financialSituation.rawValue, "guarantee_type": profile.guaranteeType.rawValue,
            "mail_commercial": profile.mails.commercial?.description ?? "",
            "mail_technical": profile.mails.technical?.description ?? "",
            "mail_sales_administration": profile.mails.salesAdministration?.description ?? "",
            "mail_administrative": profile.mails.administrative?.description ?? "",
        ]
    }
}
