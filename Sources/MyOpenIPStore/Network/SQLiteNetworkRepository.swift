import GRDB
import MyOpenIPDomain

/// ``NetworkRepository`` on the daemon's SQLite database.
public struct SQLiteNetworkRepository: NetworkRepository {
    let reads: StoreReads
    let writes: GroupCommit
    let feed: LinkStateFeed

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
        feed = store.linkStates
    }

    public func services(_ filter: TechnicalServiceFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<TechnicalServiceRecord>
    {
        var sql =
            "\(TechnicalServiceLoader.select) WHERE ts.contracted_offer_id > ? AND co.state IN (\(TechnicalServiceLoader.inService))"
        var arguments: StatementArguments = [page.cursor ?? 0]
        if let kind = filter.kind {
            sql += " AND ts.kind = ?"
            arguments += [kind.rawValue]
        }
        if let state = filter.state {
            sql += " AND ts.state = ?"
            arguments += [state.rawValue]
        }
        let query = sql
        let values = arguments
        return try await reads.readPage { db in
            let visible = try ListScope.condition(column: "co.company_id", scope: scope, company: filter.company, db: db)
            let text = query + " AND " + visible.condition + " ORDER BY ts.contracted_offer_id LIMIT ?"
            let statement = try visible.condition.contains(" IN (") ? db.makeStatement(sql: text) : db.cachedStatement(sql: text)
            let rows = try Row.fetchAll(statement, arguments: values + visible.arguments + [page.limit + 1])
            return Page(fetched: try rows.map(TechnicalServiceLoader.record), limit: page.limit, id: \.id)
        }
    }

    public func service(reference: String, in scope: CompanyScope) async throws -> TechnicalServiceRecord? {
        try await reads.read { db in
            let visible = scope.condition(onCompanyID: "co.company_id")
            return try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        \(TechnicalServiceLoader.select)
                        WHERE co.reference = ? AND co.state IN (\(TechnicalServiceLoader.inService)) AND \(visible.condition)
                        """),
                arguments: [reference] + visible.arguments
            ).map(TechnicalServiceLoader.record)
        }
    }

    public func states(reference: String?, company: CompanyReference?, in scope: CompanyScope) async throws
        -> [LinkStateEvent]
    {
        try await reads.readPage { db in
            var sql = "\(TechnicalServiceLoader.select) WHERE co.state IN (\(TechnicalServiceLoader.inService))"
            var arguments: StatementArguments = []
            if let reference {
                sql += " AND co.reference = ?"
                arguments += [reference]
            }
            let visible = try ListScope.condition(column: "co.company_id", scope: scope, company: company, db: db)
            let rows = try Row.fetchAll(
                db.makeStatement(sql: sql + " AND " + visible.condition + " ORDER BY ts.contracted_offer_id"),
                arguments: arguments + visible.arguments)
            return try rows.map(TechnicalServiceLoader.record).map(\.stateEvent)
        }
    }
}

extension SQLiteNetworkRepository {
    public func companyIDs(company: CompanyReference?, in scope: CompanyScope) async throws -> Set<Int64> {
        try await reads.read { db in
            let visible = try ListScope.condition(column: "id", scope: scope, company: company, db: db)
            return Set(
                try Int64.fetchAll(
                    db.makeStatement(sql: "SELECT id FROM company WHERE \(visible.condition)"), arguments: visible.arguments))
        }
    }
}

extension TechnicalServiceRecord {
    /// Its state in force, as a watcher gets it.
    var stateEvent: LinkStateEvent {
        LinkStateEvent(
            serviceID: id, companyID: companyID, reference: reference, companyReference: companyReference, status: status)
    }
}
