import Foundation
import GRDB
import MyOpenIPDomain

/// ``CompanyRepository`` on the daemon's SQLite database.
public struct SQLiteCompanyRepository: CompanyRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func create(
        _ profile: CompanyProfile, kind: CompanyKind, partner: CompanyReference?, headOffice: PostalAddress?,
        context: AuditContext, at now: Timestamp
    ) async throws -> CompanyRecord {
        try await writer.write { db in
            var partnerID: Int64?
            if let partner {
                guard kind == .client else { throw CompanyViolation.partnerOfPartner }
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT id, kind FROM company WHERE reference = ?", arguments: [partner.description]),
                      (row[1] as String) == CompanyKind.partner.rawValue
                else { throw CompanyViolation.unknownPartner }
                partnerID = row[0]
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM company WHERE siren = ?", arguments: [profile.siren.description]) == true {
                throw CompanyViolation.sirenTaken
            }
            let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'company'") ?? 0
            guard let reference = CompanyReference(sequence: last + 1) else { throw StoreError.sequenceExhausted("company") }
            try db.execute(
                sql: """
                    INSERT INTO company (id, reference, kind, partner_id, state, name, name_key, siren, legal_status, comment,
                                         website, financial_situation, guarantee_type, mail_commercial, mail_technical,
                                         mail_sales_administration, mail_administrative, created_at, created_by, updated_at)
                    VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments([
                    reference.sequence, reference.description, kind.rawValue, partnerID,
                ] + Self.profileValues(profile) + [now.milliseconds, context.actor, now.milliseconds]))
            try SQLiteSiteRepository.insertHeadOffice(companyID: reference.sequence, address: headOffice, at: now, in: db)
            let record = try Self.company(id: reference.sequence, in: db)
            var details = record.auditFacts
            details["kind"] = kind.rawValue
            details["partner"] = partner?.description ?? ""
            try AuditTrail.append(
                .companyCreated, accountID: nil, companyID: record.id, details: details, context: context, at: now, in: db)
            return record
        }
    }

    public func company(_ reference: CompanyReference, in scope: CompanyScope) async throws -> CompanyRecord? {
        try await writer.read { db in
            try Self.company(reference, in: scope, db: db)
        }
    }

    public func companies(
        _ filter: CompanyFilter, in scope: CompanyScope, order: CompanyOrder, after cursor: CompanyCursor?, limit: Int
    ) async throws -> CompanyPage {
        var (conditions, arguments) = Self.scopeCondition(scope)
        switch (order, cursor) {
        case (_, nil):
            break
        case (.reference, let cursor?):
            conditions.append("c.id > ?")
            arguments.append(cursor.id.databaseValue)
        case (.name, let cursor?):
            conditions.append("(c.name_key, c.id) > (?, ?)")
            arguments += [(cursor.nameKey ?? "").databaseValue, cursor.id.databaseValue]
        }
        if let kind = filter.kind {
            conditions.append("c.kind = ?")
            arguments.append(kind.rawValue.databaseValue)
        }
        if let state = filter.state {
            conditions.append("c.state = ?")
            arguments.append(state.rawValue.databaseValue)
        }
        if let partner = filter.partner {
            conditions.append("c.partner_id = (SELECT id FROM company WHERE reference = ?)")
            arguments.append(partner.description.databaseValue)
        }
        let compactText = (filter.text ?? "").filter { !$0.isWhitespace }
        if compactText.count == 9, compactText.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // A whole SIREN: its unique index answers at once.
            conditions.append("c.siren = ?")
            arguments.append(compactText.databaseValue)
        } else if let reference = try? CompanyReference(compactText) {
            // A whole reference, likewise.
            conditions.append("c.reference = ?")
            arguments.append(reference.description.databaseValue)
        } else if let text = filter.text?.trimmingCharacters(in: .whitespaces), text.count >= 3 {
            // Three characters or more: the trigram index finds the matching rows.
            let compact = text.filter { !$0.isWhitespace }
            func phrase(_ value: String) -> String { "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            conditions.append("c.id IN (SELECT rowid FROM company_search WHERE company_search MATCH ?)")
            let siren = compact.count >= 3 ? " OR siren : \(phrase(compact))" : ""
            arguments.append(("{name reference} : \(phrase(text))" + siren).databaseValue)
        } else if let text = filter.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append("(c.name_key LIKE ? ESCAPE '\\' OR lower(c.reference) LIKE ? ESCAPE '\\' OR c.siren LIKE ? ESCAPE '\\')")
            arguments += [pattern.databaseValue, pattern.databaseValue, pattern.replacingOccurrences(of: " ", with: "").databaseValue]
        }
        arguments.append((limit + 1).databaseValue)
        let where_ = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let orderBy = order == .name ? "c.name_key, c.id" : "c.id"
        let sql = "SELECT \(CompanyRecord.columns) FROM company c \(where_) ORDER BY \(orderBy) LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        return try await writer.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: statementArguments).map { try CompanyRecord(row: $0) }
            guard rows.count > limit else { return CompanyPage(items: rows, next: nil) }
            let items = Array(rows.prefix(limit))
            let last = items[items.count - 1]
            return CompanyPage(items: items, next: CompanyCursor(id: last.id, nameKey: order == .name ? last.profile.nameKey : nil))
        }
    }

    public func update(
        _ reference: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout CompanyState, inout CompanyProfile) throws -> Void
    ) async throws -> CompanyRecord {
        try await writer.write { db in
            guard let before = try Self.company(reference, in: scope, db: db) else { throw CompanyViolation.unknownCompany }
            var state = before.state
            var profile = before.profile
            try change(&state, &profile)
            if profile.siren != before.profile.siren,
               try Bool.fetchOne(
                   db, sql: "SELECT 1 FROM company WHERE siren = ? AND id <> ?", arguments: [profile.siren.description, before.id]) == true {
                throw CompanyViolation.sirenTaken
            }
            try db.execute(
                sql: """
                    UPDATE company SET state = ?, name = ?, name_key = ?, siren = ?, legal_status = ?, comment = ?, website = ?,
                                       financial_situation = ?, guarantee_type = ?, mail_commercial = ?, mail_technical = ?,
                                       mail_sales_administration = ?, mail_administrative = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: StatementArguments([state.rawValue] + Self.profileValues(profile) + [now.milliseconds, before.id]))
            let after = try Self.company(id: before.id, in: db)
            let details = AuditTrail.changes(before: before.auditFacts, after: after.auditFacts)
            if !details.isEmpty {
                try AuditTrail.append(
                    .companyUpdated, accountID: nil, companyID: before.id, details: details, context: context, at: now, in: db)
            }
            return after
        }
    }

    // MARK: - Inside a transaction

    private static func profileValues(_ profile: CompanyProfile) -> [(any DatabaseValueConvertible)?] {
        [
            profile.name, profile.nameKey, profile.siren.description, profile.legalStatus.rawValue, profile.comment,
            profile.website, profile.financialSituation.rawValue, profile.guaranteeType.rawValue,
            profile.mails.commercial?.description, profile.mails.technical?.description,
            profile.mails.salesAdministration?.description, profile.mails.administrative?.description,
        ]
    }

    /// The SQL condition of a scope on `company c`.
    static func scopeCondition(_ scope: CompanyScope) -> (conditions: [String], arguments: [DatabaseValue]) {
        switch scope {
        case .everything:
            return ([], [])
        case .nothing:
            return (["0"], [])
        case .company(let reference):
            return (
                ["(c.reference = ? OR c.partner_id = (SELECT id FROM company WHERE reference = ? AND kind = 'partner'))"],
                [reference.description.databaseValue, reference.description.databaseValue])
        }
    }

    /// The id of a company of the scope, or CompanyViolation.unknownCompany (only the id: no need to
    /// read and decode the whole row).
    static func companyID(_ reference: CompanyReference, in scope: CompanyScope, db: Database) throws -> Int64 {
        let (condition, arguments) = referenceCondition(reference, in: scope)
        guard let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT c.id FROM company c WHERE \(condition)"), arguments: arguments)
        else {
            throw CompanyViolation.unknownCompany
        }
        return id
    }

    static func company(_ reference: CompanyReference, in scope: CompanyScope, db: Database) throws -> CompanyRecord? {
        let (condition, arguments) = referenceCondition(reference, in: scope)
        let sql = "SELECT \(CompanyRecord.columns) FROM company c WHERE \(condition)"
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments).map { try CompanyRecord(row: $0) }
    }

    /// The SQL condition on `company c` of the company `reference` within `scope`.
    private static func referenceCondition(
        _ reference: CompanyReference, in scope: CompanyScope
    ) -> (condition: String, arguments: StatementArguments) {
        var (conditions, arguments) = scopeCondition(scope)
        conditions.append("c.reference = ?")
        arguments.append(reference.description.databaseValue)
        return (conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    static func company(id: Int64, in db: Database) throws -> CompanyRecord {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(CompanyRecord.columns) FROM company c WHERE c.id = ?"), arguments: [id])
        else { throw StoreError.corruptRow(table: "company", id: id) }
        return try CompanyRecord(row: row)
    }
}
