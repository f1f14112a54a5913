import GRDB
import MyOpenIPDomain

/// The companies a list of orders or contracted offers covers, as a condition SQLite answers in
/// page order. A company scope written as a subquery (`company_id IN (SELECT …)`) made SQLite
/// read every row of the scope and sort them for each page; here the scope's companies are read
/// first (a client's user: one; a partner's: its clients), then:
///
/// - one company: `company_id = ?`, which the `(company_id, id)` index walks in page order;
/// - several: `+company_id IN (…)`, the unary `+` keeping SQLite on the primary key, walked in
///   page order and filtered (a cost that grows when the scope's rows are sparse among all);
/// - every company (operator staff): no condition.
///
/// A list filtered on a company outside the scope is NOT_FOUND.
enum ListScope {
    static func condition(
        column: String, scope: CompanyScope, company: CompanyReference?, db: Database
    ) throws -> ScopedSQL {
        var ids: [Int64]?
        switch scope {
        case .nothing:
            return ScopedSQL(condition: "0", arguments: [])
        case .everything:
            ids = nil
        case .company:
            let visible = scope.companyCondition
            ids = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT company.id FROM company WHERE \(visible.condition)"),
                arguments: visible.arguments)
        }
        if let company {
            // A company outside the scope is NOT_FOUND, as one that does not exist.
            guard
                let id = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM company WHERE reference = ?"), arguments: [company.description]),
                ids?.contains(id) ?? true
            else { throw CompanyViolation.unknownCompany }
            ids = [id]
        }
        guard let ids else { return ScopedSQL(condition: "1", arguments: []) }
        switch ids.count {
        case 0: return ScopedSQL(condition: "0", arguments: [])
        case 1: return ScopedSQL(condition: "\(column) = ?", arguments: [ids[0]])
        default:
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return ScopedSQL(condition: "+\(column) IN (\(marks))", arguments: StatementArguments(ids))
        }
    }
}
