import GRDB
import MyOpenIPDomain

/// Which audit events a list returns.
public struct AuditFilter: Sendable, Hashable {
    public var accountLogin: AccountLogin?
    public var action: String?
    public var companyReference: CompanyReference?
    /// Only the events about the companies of this scope and their users.
    public var scope: CompanyScope

    public init(
        accountLogin: AccountLogin? = nil, action: String? = nil, companyReference: CompanyReference? = nil,
        scope: CompanyScope = .everything
    ) {
        self.accountLogin = accountLogin
        self.action = action
        self.companyReference = companyReference
        self.scope = scope
    }
}

/// Reads the audit trail (it is written by the other repositories, inside their transactions).
public protocol AuditLogRepository: Sendable {
    /// Events, newest first.
    func events(_ filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEventRecord>
}

/// ``AuditLogRepository`` on the daemon's SQLite database.
public struct SQLiteAuditLogRepository: AuditLogRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func events(_ filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEventRecord> {
        var conditions = ["e.id < ?"]
        var arguments: [DatabaseValue] = [(page.cursor ?? Int64.max).databaseValue]
        if let login = filter.accountLogin {
            conditions.append("e.account_id = (SELECT id FROM account WHERE login = ?)")
            arguments.append(login.description.databaseValue)
        }
        if filter.scope != .everything {
            let (scope, scopeArguments) = SQLiteCompanyRepository.scopeCondition(filter.scope)
            let companies = "SELECT c.id FROM company c WHERE " + scope.joined(separator: " AND ")
            let references = "SELECT c.reference FROM company c WHERE " + scope.joined(separator: " AND ")
            conditions.append(
                "(e.company_id IN (\(companies)) OR e.account_id IN (SELECT id FROM account WHERE company_reference IN (\(references))))")
            arguments += scopeArguments + scopeArguments
        }
        if let company = filter.companyReference {
            conditions.append("e.company_id = (SELECT id FROM company WHERE reference = ?)")
            arguments.append(company.description.databaseValue)
        }
        if let action = filter.action {
            conditions.append("e.action = ?")
            arguments.append(action.databaseValue)
        }
        arguments.append((page.limit + 1).databaseValue)
        let sql = """
            SELECT e.*, (SELECT login FROM account WHERE id = e.account_id) AS account_login,
                   (SELECT reference FROM company WHERE id = e.company_id) AS company_reference
            FROM audit_event e WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.id DESC LIMIT ?
            """
        let statementArguments = StatementArguments(arguments)
        return try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: statementArguments).map { row in
                AuditEventRecord(
                    id: row["id"], occurredAt: Timestamp(milliseconds: row["occurred_at"]), actor: row["actor"],
                    action: row["action"], accountLogin: row["account_login"], companyReference: row["company_reference"],
                    details: JSONText.decode(row["details"]),
                    requestID: row["request_id"])
            }
            return Page(fetched: rows, limit: page.limit, id: \.id)
        }
    }
}
