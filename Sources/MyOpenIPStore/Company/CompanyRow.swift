import GRDB
import MyOpenIPDomain

/// A row of `company`, and the requests every domain uses to keep to a caller's companies.
struct CompanyRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "company"

    /// The sequence behind the reference (`OIP-00000042` is 42).
    var id: Int64
    var reference: String
    var kind: String
    var partnerID: Int64?
    var state: String
    var name: String
    /// The name in lower case: the key of the order by name.
    var nameKey: String
    var siren: String
    var legalStatus: String
    var comment: String
    var website: String
    var financialSituation: String
    var guaranteeType: String
    var mailCommercial: String?
    var mailTechnical: String?
    var mailSalesAdministration: String?
    var mailAdministrative: String?
    var createdAt: Int64
    var createdBy: String
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, reference, kind, state, name, siren, comment, website
        case partnerID = "partner_id"
        case nameKey = "name_key"
        case legalStatus = "legal_status"
        case financialSituation = "financial_situation"
        case guaranteeType = "guarantee_type"
        case mailCommercial = "mail_commercial"
        case mailTechnical = "mail_technical"
        case mailSalesAdministration = "mail_sales_administration"
        case mailAdministrative = "mail_administrative"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let reference = Column(CodingKeys.reference)
        static let kind = Column(CodingKeys.kind)
        static let partnerID = Column(CodingKeys.partnerID)
        static let state = Column(CodingKeys.state)
        static let nameKey = Column(CodingKeys.nameKey)
        static let siren = Column(CodingKeys.siren)
    }

    /// A new company of reference `reference`, active.
    init(
        _ profile: CompanyProfile, reference: CompanyReference, kind: CompanyKind, partnerID: Int64?, at now: Timestamp,
        by actor: String
    ) {
        id = reference.sequence
        self.reference = reference.description
        self.kind = kind.rawValue
        self.partnerID = partnerID
        state = CompanyState.active.rawValue
        name = ""
        nameKey = ""
        siren = ""
        legalStatus = ""
        comment = ""
        website = ""
        financialSituation = ""
        guaranteeType = ""
        createdAt = now.milliseconds
        createdBy = actor
        updatedAt = now.milliseconds
        set(profile, state: .active, at: now)
    }

    /// Takes the state and every field of `profile`.
    mutating func set(_ profile: CompanyProfile, state: CompanyState, at now: Timestamp) {
        self.state = state.rawValue
        name = profile.name
        nameKey = profile.nameKey
        siren = profile.siren.description
        legalStatus = profile.legalStatus.rawValue
        comment = profile.comment
        website = profile.website
        financialSituation = profile.financialSituation.rawValue
        guaranteeType = profile.guaranteeType.rawValue
        mailCommercial = profile.mails.commercial?.description
        mailTechnical = profile.mails.technical?.description
        mailSalesAdministration = profile.mails.salesAdministration?.description
        mailAdministrative = profile.mails.administrative?.description
        updatedAt = now.milliseconds
    }

    /// The company as the rest of the daemon sees it; a row the domain cannot read is
    /// ``StoreError/corruptRow(table:id:)``.
    func record() throws -> CompanyRecord {
        guard let reference = try? CompanyReference(reference), let kind = CompanyKind(rawValue: kind),
            let state = CompanyState(rawValue: state), let siren = try? Siren(siren),
            let status = LegalStatus(rawValue: legalStatus), let situation = FinancialSituation(rawValue: financialSituation),
            let guarantee = GuaranteeType(rawValue: guaranteeType)
        else { throw StoreError.corruptRow(table: Self.databaseTableName, id: id) }
        func mail(_ text: String?) -> EmailAddress? { text.flatMap { try? EmailAddress($0) } }
        return CompanyRecord(
            id: id, reference: reference, kind: kind,
            partnerReference: partnerID.flatMap(CompanyReference.init(sequence:))?.description, state: state,
            profile: CompanyProfile(
                name: name, siren: siren, legalStatus: status, comment: comment, website: website,
                financialSituation: situation, guaranteeType: guarantee,
                mails: CompanyMails(
                    commercial: mail(mailCommercial), technical: mail(mailTechnical),
                    salesAdministration: mail(mailSalesAdministration), administrative: mail(mailAdministrative))),
            createdAt: Timestamp(milliseconds: createdAt), updatedAt: Timestamp(milliseconds: updatedAt))
    }
}

extension DerivableRequest<CompanyRow> {
    /// The companies of `scope`: all of them, none, or one company and, when it is a partner,
    /// its clients. Every query of a tenant's data starts from this request, so that another
    /// tenant's object is simply not found.
    func visible(in scope: CompanyScope) -> Self {
        switch scope {
        case .everything:
            return self
        case .nothing:
            return none()
        case .company(let reference):
            let partner =
                CompanyRow
                .select(CompanyRow.Columns.id)
                .filter(
                    CompanyRow.Columns.reference == reference.description
                        && CompanyRow.Columns.kind == CompanyKind.partner.rawValue)
            return filter(CompanyRow.Columns.reference == reference.description || partner.contains(CompanyRow.Columns.partnerID))
        }
    }
}

extension DerivableRequest<CompanyRow> {
    /// The company of `reference`.
    func filter(reference: CompanyReference) -> Self {
        filter(CompanyRow.Columns.reference == reference.description)
    }
}

extension CompanyRow {
    /// The company `reference` if it is in `scope` (a statement prepared once).
    static func fetch(_ reference: CompanyReference, in scope: CompanyScope, db: Database) throws -> CompanyRow? {
        let visible = scope.companyCondition
        return try CompanyRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM company WHERE company.reference = ? AND \(visible.condition)"),
            arguments: [reference.description] + visible.arguments)
    }
}
