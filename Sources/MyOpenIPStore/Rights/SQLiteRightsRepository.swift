import GRDB
import MyOpenIPDomain

/// ``RightsRepository`` on the daemon's SQLite database.
public struct SQLiteRightsRepository: RightsRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func create(
        _ draft: RightDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> RightRecord {
        try await writer.write { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM access_right WHERE (company_id = ? OR company_id IS NULL) AND lower(name) = lower(?)",
                arguments: [companyID, draft.name]) == true {
                throw RightsViolation.nameTaken
            }
            let templates = RightTemplate.allCases.filter(draft.templates.contains).map(\.rawValue).joined(separator: ",")
            let permissions = draft.permissions.sorted().map(\.rawValue).joined(separator: ",")
            try db.execute(
                sql: """
                    INSERT INTO access_right (company_id, main, name, site, role, templates, permissions, created_at, created_by)
                    VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [companyID, draft.name, draft.site, draft.role, templates, permissions, now.milliseconds, context.actor])
            let id = db.lastInsertedRowID
            try AuditTrail.append(
                .rightCreated, accountID: nil, companyID: companyID,
                details: ["right": String(id), "name": draft.name, "templates": templates, "site": draft.site, "role": draft.role],
                context: context, at: now, in: db)
            return try Self.right(id: id, in: db)
        }
    }

    public func mainRights() async throws -> [RightRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(RightRecord.columns) FROM access_right r WHERE r.company_id IS NULL ORDER BY r.id")
                .map(RightRecord.init(row:))
        }
    }

    public func rights(of company: CompanyReference, in scope: CompanyScope) async throws -> [RightRecord] {
        try await writer.read { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            return try Row.fetchAll(
                db, sql: """
                    SELECT \(RightRecord.columns) FROM access_right r
                    WHERE r.company_id IS NULL OR r.company_id = ?
                    ORDER BY r.company_id IS NOT NULL, r.name
                    """,
                arguments: [companyID]
            ).map(RightRecord.init(row:))
        }
    }

    public func rights(ofAccount accountID: Int64) async throws -> [RightRecord] {
        try await writer.read { db in
            try Self.rights(ofAccount: accountID, in: db)
        }
    }

    public func setRights(
        _ rightIDs: Set<Int64>, ofAccount accountID: Int64, context: AuditContext, at now: Timestamp
    ) async throws -> [RightRecord] {
        try await writer.write { db in
            guard let company = try String.fetchOne(
                db, sql: "SELECT company_reference FROM account WHERE id = ?", arguments: [accountID])
            else { throw RightsViolation.accountWithoutCompany }
            let companyID = try Int64.fetchOne(db, sql: "SELECT id FROM company WHERE reference = ?", arguments: [company])
            for id in rightIDs {
                let owner = try Row.fetchOne(db, sql: "SELECT company_id FROM access_right WHERE id = ?", arguments: [id])
                guard let owner, owner[0] == nil || (owner[0] as Int64?) == companyID else { throw RightsViolation.unknownRight }
            }
            let before = try Self.rights(ofAccount: accountID, in: db).map(\.name).sorted()
            try db.execute(sql: "DELETE FROM account_right WHERE account_id = ?", arguments: [accountID])
            for id in rightIDs.sorted() {
                try db.execute(
                    sql: "INSERT INTO account_right (account_id, right_id, granted_at, granted_by) VALUES (?, ?, ?, ?)",
                    arguments: [accountID, id, now.milliseconds, context.actor])
            }
            let after = try Self.rights(ofAccount: accountID, in: db)
            try AuditTrail.append(
                .rightsAssigned, accountID: accountID, companyID: companyID,
                details: ["before": before.joined(separator: ", "), "after": after.map(\.name).sorted().joined(separator: ", ")],
                context: context, at: now, in: db)
            return after
        }
    }

    private static func rights(ofAccount accountID: Int64, in db: Database) throws -> [RightRecord] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(RightRecord.columns) FROM access_right r JOIN account_right ar ON ar.right_id = r.id
            WHERE ar.account_id = ? ORDER BY r.company_id IS NOT NULL, r.name
            """)
        return try Row.fetchAll(statement, arguments: [accountID]).map(RightRecord.init(row:))
    }

    private static func right(id: Int64, in db: Database) throws -> RightRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(RightRecord.columns) FROM access_right r WHERE r.id = ?", arguments: [id])
        else { throw StoreError.corruptRow(table: "access_right", id: id) }
        return RightRecord(row: row)
    }
}
