import GRDB
import MyOpenIPDomain

extension SQLiteBillingRepository {
    public func invoice(number: DocumentNumber, in scope: CompanyScope) async throws -> InvoiceRecord? {
        try await reads.read { db in try Self.invoice(number, in: scope, db: db) }
    }

    static func invoice(_ number: DocumentNumber, in scope: CompanyScope, db: Database) throws -> InvoiceRecord? {
        let condition = scope.companyCondition
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT \(InvoiceLoader.columns) FROM invoice JOIN company ON company.id = invoice.company_id
                        WHERE invoice.number = ? AND \(condition.condition)
                        """), arguments: [number.description] + condition.arguments)
        else { return nil }
        return try InvoiceLoader.record(row, db: db)
    }

    public func invoices(_ filter: InvoiceFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<InvoiceRecord>
    {
        try await reads.readPage { db in
            let companies = try ListScope.condition(
                column: "invoice.company_id", scope: scope, company: filter.company, db: db)
            var sql = """
                SELECT \(InvoiceLoader.columns) FROM invoice JOIN company ON company.id = invoice.company_id
                WHERE invoice.id < ? AND \(companies.condition)
                """
            var arguments: StatementArguments = [page.cursor ?? Int64.max]
            arguments += companies.arguments
            if let series = filter.series {
                sql += " AND invoice.series = ?"
                arguments += [series.rawValue]
            }
            if let state = filter.state {
                sql += " AND invoice.state = ?"
                arguments += [state.rawValue]
            }
            sql += " ORDER BY invoice.id DESC LIMIT ?"
            arguments += [page.limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return Page(fetched: try rows.map { try InvoiceLoader.record($0, db: db) }, limit: page.limit, id: \.id)
        }
    }
}
