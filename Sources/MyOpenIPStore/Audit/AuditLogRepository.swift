import GRDB
import MyOpenIPDomain

/// Which audit events a list returns.
public struct AuditFilter: Sendable, Hashable {
    public var accountLogin: AccountLogin?
    public var action: String?
    /// Only the events about this company and its users.
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

/// ``AuditLogRepository`` on the daemon's SQLite database, through the `audit_event` record type.
public struct SQLiteAuditLogRepository: AuditLogRepository {
    /// Reads on the calling thread.
    let reads: StoreReads

    public init(store: Store) {
        reads = store.reads
    }

    public func events(_ filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEventRecord> {
        var request = AuditEventRow.all().visible(in: filter.scope)
            .filter(AuditEventRow.Columns.id < (page.cursor ?? Int64.max))
        if let login = filter.accountLogin { request = request.filter(AuditEventRow.Columns.accountID == login.sequence) }
        if let company = filter.companyReference { request = request.about(company: company) }
        if let action = filter.action { request = request.filter(AuditEventRow.Columns.action == action) }
        let newestFirst = request.order(AuditEventRow.Columns.id.desc).limit(page.limit + 1)
        return try await reads.readPage { db in
            Page(fetched: try newestFirst.fetchAll(db).map(\.record), limit: page.limit, id: \.id)
        }
    }
}
