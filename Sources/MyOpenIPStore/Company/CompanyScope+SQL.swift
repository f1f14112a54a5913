import GRDB
import MyOpenIPDomain

/// The scope rule of ``DerivableRequest/visible(in:)`` as SQL text, for the statements of the hot
/// paths, which are prepared once per connection and cached (a query built with the query
/// interface is compiled again at every call, and that compilation cost more than the query).
/// The text depends only on the kind of scope, never on its values, so that each kind is
/// prepared once.
struct ScopedSQL {
    /// A condition, with `?` placeholders.
    var condition: String
    var arguments: StatementArguments
}

extension CompanyScope {
    /// This scope as a condition on a row of `company` (its `reference` and `partner_id`).
    var companyCondition: ScopedSQL {
        switch self {
        case .everything: return ScopedSQL(condition: "1", arguments: [])
        case .nothing: return ScopedSQL(condition: "0", arguments: [])
        case .company(let reference):
            return ScopedSQL(
                condition: """
                    (company.reference = ? OR company.partner_id IN \
                    (SELECT partner.id FROM company AS partner WHERE partner.reference = ? AND partner.kind = ?))
                    """,
                arguments: [reference.description, reference.description, CompanyKind.partner.rawValue])
        }
    }

    /// This scope as a condition on `column`, which holds a company's id.
    func condition(onCompanyID column: String) -> ScopedSQL {
        switch self {
        case .everything, .nothing: return companyCondition
        case .company:
            let company = companyCondition
            return ScopedSQL(
                condition: "\(column) IN (SELECT company.id FROM company WHERE \(company.condition))",
                arguments: company.arguments)
        }
    }

    /// The id of the company `reference` if it is in this scope; ``CompanyViolation/unknownCompany``
    /// otherwise, as for a company that does not exist. Reads the id only.
    func companyID(of reference: CompanyReference, in db: Database) throws -> Int64 {
        let scope = companyCondition
        let statement = try db.cachedStatement(
            sql: "SELECT company.id FROM company WHERE company.reference = ? AND \(scope.condition)")
        guard let id = try Int64.fetchOne(statement, arguments: [reference.description] + scope.arguments) else {
            throw CompanyViolation.unknownCompany
        }
        return id
    }
}
