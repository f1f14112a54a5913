import GRDB
import MyOpenIPDomain

/// The `company` table as GRDB sees it: its columns, and the requests every domain uses to keep
/// to a caller's companies. (Whole company records are read by ``CompanyRecord``.)
struct CompanyRow: TableRecord {
    static let databaseTableName = "company"

    enum Columns {
        static let id = Column("id")
        static let reference = Column("reference")
        static let kind = Column("kind")
        static let partnerID = Column("partner_id")
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
            let partner = CompanyRow
                .select(CompanyRow.Columns.id)
                .filter(CompanyRow.Columns.reference == reference.description && CompanyRow.Columns.kind == CompanyKind.partner.rawValue)
            return filter(CompanyRow.Columns.reference == reference.description || partner.contains(CompanyRow.Columns.partnerID))
        }
    }
}

extension CompanyScope {
    /// The id of the company `reference` if it is in this scope; ``CompanyViolation/unknownCompany``
    /// otherwise, as for a company that does not exist. Reads the id only.
    func companyID(of reference: CompanyReference, in db: Database) throws -> Int64 {
        let request = CompanyRow.all().visible(in: self)
            .filter(CompanyRow.Columns.reference == reference.description)
            .select(CompanyRow.Columns.id, as: Int64.self)
        guard let id = try request.fetchOne(db) else { throw CompanyViolation.unknownCompany }
        return id
    }

    /// Whether the company of id `companyID` is in this scope.
    func contains(companyID: Int64, in db: Database) throws -> Bool {
        try CompanyRow.all().visible(in: self).filter(CompanyRow.Columns.id == companyID).isEmpty(db) == false
    }
}
