import GRDB
import MyOpenIPDomain

/// A row of `audit_event`: one change, who made it, when, and its facts as a JSON object.
struct AuditEventRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit_event"

    var id: Int64?
    var occurredAt: Int64
    var actor: String
    var action: String
    /// The account the event is about (logins are `E-` and the account's id).
    var accountID: Int64?
    /// The company the event is about (references are `OIP-` and the company's id).
    var companyID: Int64?
    var details: String
    var requestID: String?

    enum CodingKeys: String, CodingKey {
        case id, actor, action, details
        case occurredAt = "occurred_at"
        case accountID = "account_id"
        case companyID = "company_id"
        case requestID = "request_id"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let action = Column(CodingKeys.action)
        static let accountID = Column(CodingKeys.accountID)
        static let companyID = Column(CodingKeys.companyID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var record: AuditEventRecord {
        AuditEventRecord(
            id: id ?? 0, occurredAt: Timestamp(milliseconds: occurredAt), actor: actor, action: action,
            accountLogin: accountID.flatMap(AccountLogin.init(sequence:))?.description,
            companyReference: companyID.flatMap(CompanyReference.init(sequence:))?.description,
            details: JSONText.decode(details), requestID: requestID)
    }
}

extension DerivableRequest<AuditEventRow> {
    /// The events about `company` and about its users (their accounts, logins, rights).
    func about(company: CompanyReference) -> Self {
        let users = Table("account").select(Column("id")).filter(Column("company_reference") == company.description)
        return filter(AuditEventRow.Columns.companyID == company.sequence || users.contains(AuditEventRow.Columns.accountID))
    }

    /// The events about the companies of `scope` and about those companies' users.
    func visible(in scope: CompanyScope) -> Self {
        guard scope != .everything else { return self }
        let companies = CompanyRow.all().visible(in: scope)
        let users = Table("account").select(Column("id"))
            .filter(companies.select(CompanyRow.Columns.reference).contains(Column("company_reference")))
        return filter(
            companies.select(CompanyRow.Columns.id).contains(AuditEventRow.Columns.companyID)
                || users.contains(AuditEventRow.Columns.accountID))
    }
}
