import GRDB
import MyOpenIPDomain

/// ``RightsRepository`` on the daemon's SQLite database, through the `access_right` and
/// `account_right` record types.
public struct SQLiteRightsRepository: RightsRepository {
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    public func create(
        _ draft: RightDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> RightRecord {
        try await writes.write { db in
            let companyID = try scope.companyID(of: company, in: db)
            if try AccessRightRow.all().named(draft.name, companyID: companyID).isEmpty(db) == false {
                throw RightsViolation.nameTaken
            }
            let draft = try Self.onOwnSite(draft, companyID: companyID, db: db)
            var row = AccessRightRow(draft, companyID: companyID, at: now, by: context.actor)
            try row.insert(db)
            try AuditTrail.append(
                .rightCreated, accountID: nil, companyID: companyID,
                details: Self.facts(row).merging(["right": String(row.id!)]) { $1 },
                context: context, at: now, in: db)
            return row.record
        }
    }

    public func mainRights() async throws -> [RightRecord] {
        try await reads.read { db in
            try AccessRightRow.filter(AccessRightRow.Columns.companyID == nil).order(AccessRightRow.Columns.id).fetchAll(db).map(
                \.record)
        }
    }

    public func rights(of company: CompanyReference, in scope: CompanyScope) async throws -> [RightRecord] {
        try await reads.read { db in
            let companyID = try scope.companyID(of: company, in: db)
            return
                try AccessRightRow
                .filter(AccessRightRow.Columns.companyID == nil || AccessRightRow.Columns.companyID == companyID)
                .orderedMainFirst()
                .fetchAll(db).map(\.record)
        }
    }

    public func right(_ id: Int64, in scope: CompanyScope) async throws -> RightRecord? {
        try await reads.read { db in
            guard let row = try AccessRightRow.fetchOne(db, key: id) else { return nil }
            if row.companyID != nil, try AccessRightRow.filter(key: id).custom(in: scope).isEmpty(db) { return nil }
            return row.record
        }
    }

    public func rights(ofAccount accountID: Int64) async throws -> [RightRecord] {
        try await reads.read { db in
            try Self.rights(ofAccount: accountID, in: db)
        }
    }

    public func setRights(
        _ rightIDs: Set<Int64>, ofAccount accountID: Int64, context: AuditContext, at now: Timestamp,
        check: @escaping @Sendable (_ held: [RightRecord], _ given: [RightRecord]) throws -> Void
    ) async throws -> [RightRecord] {
        try await writes.write { db in
            guard
                let company = try String.fetchOne(
                    db, sql: "SELECT company_reference FROM account WHERE id = ?", arguments: [accountID]),
                let companyID = try? CompanyReference(company).sequence
            else { throw RightsViolation.accountWithoutCompany }
            let given = try AccessRightRow.usable(rightIDs, byCompany: companyID, in: db)
            let held = try Self.rights(ofAccount: accountID, in: db)
            try check(held, given)
            // The same rights again: nothing to write, nothing to audit.
            if Set(held.map(\.id)) == Set(given.map(\.id)) { return held }
            let before = held.map(\.name).sorted()
            try AccountRightRow.filter(AccountRightRow.Columns.accountID == accountID).deleteAll(db)
            for id in rightIDs.sorted() {
                try AccountRightRow(accountID: accountID, rightID: id, grantedAt: now.milliseconds, grantedBy: context.actor)
                    .insert(db)
            }
            let after = try Self.rights(ofAccount: accountID, in: db)
            try AuditTrail.append(
                .rightsAssigned, accountID: accountID, companyID: companyID,
                details: ["before": before.joined(separator: ", "), "after": after.map(\.name).sorted().joined(separator: ", ")],
                context: context, at: now, in: db)
            return after
        }
    }

    public func update(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (_ draft: inout RightDraft, _ holders: [Int64]) throws -> Void
    ) async throws -> RightRecord {
        try await writes.write { db in
            var row = try Self.customRight(id, in: scope, db: db)
            let before = row
            var draft = try row.draft
            try change(&draft, try Self.holders(of: id, in: db))
            if let companyID = row.companyID, draft.site != before.site {
                draft = try Self.onOwnSite(draft, companyID: companyID, db: db)
            }
            if let companyID = row.companyID,
                try AccessRightRow.all().named(draft.name, companyID: companyID, except: id).isEmpty(db) == false
            {
                throw RightsViolation.nameTaken
            }
            row.set(draft)
            try row.update(db)
            var details = AuditTrail.changes(before: Self.facts(before), after: Self.facts(row))
            if !details.isEmpty {
                details["right"] = String(id)
                try AuditTrail.append(
                    .rightUpdated, accountID: nil, companyID: row.companyID, details: details, context: context, at: now, in: db)
            }
            return row.record
        }
    }

    public func delete(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        check: @escaping @Sendable (_ right: RightRecord, _ holders: [Int64]) throws -> Void
    ) async throws -> [AccountLogin] {
        try await writes.write { db in
            let row = try Self.customRight(id, in: scope, db: db)
            let holderIDs = try Self.holders(of: id, in: db)
            try check(row.record, holderIDs)
            let holders = holderIDs.compactMap(AccountLogin.init(sequence:))
            try AccountRightRow.filter(AccountRightRow.Columns.rightID == id).deleteAll(db)
            try row.delete(db)
            var details = Self.facts(row)
            details["right"] = String(id)
            details["holders"] = holders.map(\.description).joined(separator: ", ")
            try AuditTrail.append(
                .rightDeleted, accountID: nil, companyID: row.companyID, details: details, context: context, at: now, in: db)
            return holders
        }
    }

    // MARK: - Inside a transaction

    /// `draft` for one of the company's sites, spelled as the site is (a name without ASCII
    /// case); a site the company does not have is ``RightsViolation/unknownSite``.
    private static func onOwnSite(_ draft: RightDraft, companyID: Int64, db: Database) throws -> RightDraft {
        guard !draft.site.isEmpty else { return draft }
        guard let site = try SiteRow.all().named(draft.site, companyID: companyID, except: nil).fetchOne(db) else {
            throw RightsViolation.unknownSite
        }
        return draft.at(site: site.name)
    }

    /// The ids of the accounts holding the right `id`, in order.
    private static func holders(of id: Int64, in db: Database) throws -> [Int64] {
        try AccountRightRow
            .filter(AccountRightRow.Columns.rightID == id)
            .select(AccountRightRow.Columns.accountID, as: Int64.self)
            .order(AccountRightRow.Columns.accountID)
            .fetchAll(db)
    }

    /// The custom right `id` of a company in `scope`: a main right is refused, a right outside
    /// the scope is not found.
    private static func customRight(_ id: Int64, in scope: CompanyScope, db: Database) throws -> AccessRightRow {
        guard let row = try AccessRightRow.fetchOne(db, key: id) else { throw RightsViolation.unknownCustomRight }
        guard row.companyID != nil else { throw RightsViolation.mainRight }
        guard try AccessRightRow.filter(key: id).custom(in: scope).isEmpty(db) == false else {
            throw RightsViolation.unknownCustomRight
        }
        return row
    }

    /// The rights an account holds. WhoAmI reads them at every call, so this one query is read by
    /// position from a statement prepared once per connection, as the session lookup is: through
    /// the query interface and Codable it halved WhoAmI's throughput (docs/benchmarks.md).
    private static func rights(ofAccount accountID: Int64, in db: Database) throws -> [RightRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT r.id, r.company_id, r.main, r.name, r.site, r.role, r.templates
                FROM access_right r JOIN account_right ar ON ar.right_id = r.id
                WHERE ar.account_id = ? ORDER BY r.company_id IS NOT NULL, r.name
                """)
        return try Row.fetchAll(statement, arguments: [accountID]).map { row in
            RightRecord(id: row[0], companyID: row[1], main: row[2], name: row[3], site: row[4], role: row[5], templates: row[6])
        }
    }

    /// What an audit event keeps of a right.
    private static func facts(_ row: AccessRightRow) -> [String: String] {
        ["name": row.name, "templates": row.templates, "site": row.site, "role": row.role]
    }
}
