import Foundation
import GRDB
import MyOpenIPDomain

/// ``CompanyRepository`` on the daemon's SQLite database, through the `company` record type;
/// every query starts from the caller's scope.
public struct SQLiteCompanyRepository: CompanyRepository {
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    public func create(
        _ profile: CompanyProfile, kind: CompanyKind, partner: CompanyReference?, headOffice: PostalAddress?,
        context: AuditContext, at now: Timestamp
    ) async throws -> CompanyRecord {
        try await writes.write { db in
            var partnerID: Int64?
            if let partner {
                guard kind == .client else { throw CompanyViolation.partnerOfPartner }
                guard let row = try CompanyRow.all().filter(reference: partner).fetchOne(db),
                    row.kind == CompanyKind.partner.rawValue
                else { throw CompanyViolation.unknownPartner }
                partnerID = row.id
            }
            if try CompanyRow.filter(CompanyRow.Columns.siren == profile.siren.description).isEmpty(db) == false {
                throw CompanyViolation.sirenTaken
            }
            // The reference comes from the next id SQLite would give (AUTOINCREMENT never reuses one).
            let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'company'") ?? 0
            guard let reference = CompanyReference(sequence: last + 1) else { throw StoreError.sequenceExhausted("company") }
            let row = CompanyRow(profile, reference: reference, kind: kind, partnerID: partnerID, at: now, by: context.actor)
            try row.insert(db)
            var office = SiteRow.headOffice(of: row.id, address: headOffice, at: now)
            try office.insert(db)
            let record = try row.record()
            var details = record.auditFacts
            details["kind"] = kind.rawValue
            details["partner"] = partner?.description ?? ""
            try AuditTrail.append(
                .companyCreated, accountID: nil, companyID: record.id, details: details, context: context, at: now, in: db)
            return record
        }
    }

    public func company(_ reference: CompanyReference, in scope: CompanyScope) async throws -> CompanyRecord? {
        try await reads.read { db in
            try CompanyRow.fetch(reference, in: scope, db: db)?.record()
        }
    }

    public func companies(
        _ filter: CompanyFilter, in scope: CompanyScope, order: CompanyOrder, after cursor: CompanyCursor?, limit: Int
    ) async throws -> CompanyPage {
        let request = Self.listing(filter, in: scope, order: order, after: cursor).limit(limit + 1)
        return try await reads.readPage { db in
            let rows = try request.fetchAll(db).map { try $0.record() }
            guard rows.count > limit else { return CompanyPage(items: rows, next: nil) }
            let items = Array(rows.prefix(limit))
            let last = items[items.count - 1]
            return CompanyPage(
                items: items, next: CompanyCursor(id: last.id, nameKey: order == .name ? last.profile.nameKey : nil))
        }
    }

    public func update(
        _ reference: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout CompanyState, inout CompanyProfile) throws -> Void
    ) async throws -> CompanyRecord {
        try await writes.write { db in
            guard var row = try CompanyRow.all().visible(in: scope).filter(reference: reference).fetchOne(db) else {
                throw CompanyViolation.unknownCompany
            }
            let before = try row.record()
            var state = before.state
            var profile = before.profile
            try change(&state, &profile)
            if profile.siren != before.profile.siren,
                try CompanyRow.filter(CompanyRow.Columns.siren == profile.siren.description && CompanyRow.Columns.id != row.id)
                    .isEmpty(db) == false
            {
                throw CompanyViolation.sirenTaken
            }
            row.set(profile, state: state, at: now)
            try row.update(db)
            let after = try row.record()
            let details = AuditTrail.changes(before: before.auditFacts, after: after.auditFacts)
            if !details.isEmpty {
                try AuditTrail.append(
                    .companyUpdated, accountID: nil, companyID: row.id, details: details, context: context, at: now, in: db)
            }
            return after
        }
    }

    // MARK: - Listing

    /// The companies of `scope` that pass `filter`, in `order`, after `cursor`.
    private static func listing(
        _ filter: CompanyFilter, in scope: CompanyScope, order: CompanyOrder, after cursor: CompanyCursor?
    ) -> QueryInterfaceRequest<CompanyRow> {
        var request = CompanyRow.all().visible(in: scope)
        switch (order, cursor) {
        case (.reference, let cursor?):
            request = request.filter(CompanyRow.Columns.id > cursor.id)
        case (.name, let cursor?):
            // A row value, which the (name_key, id) index answers directly.
            request = request.filter(literal: "(name_key, id) > (\(cursor.nameKey ?? ""), \(cursor.id))")
        case (_, nil):
            break
        }
        if let kind = filter.kind { request = request.filter(CompanyRow.Columns.kind == kind.rawValue) }
        if let state = filter.state { request = request.filter(CompanyRow.Columns.state == state.rawValue) }
        if let partner = filter.partner {
            request = request.filter(
                CompanyRow.all().filter(reference: partner).select(CompanyRow.Columns.id).contains(CompanyRow.Columns.partnerID))
        }
        request = matching(filter.text, request)
        return order == .name
            ? request.order(CompanyRow.Columns.nameKey, CompanyRow.Columns.id) : request.order(CompanyRow.Columns.id)
    }

    /// `request` kept to the companies whose name, reference or SIREN contains `text`.
    private static func matching(_ text: String?, _ request: QueryInterfaceRequest<CompanyRow>) -> QueryInterfaceRequest<
        CompanyRow
    > {
        let compactText = (text ?? "").filter { !$0.isWhitespace }
        if compactText.count == 9, compactText.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // A whole SIREN: its unique index answers at once.
            return request.filter(CompanyRow.Columns.siren == compactText)
        } else if let reference = try? CompanyReference(compactText) {
            // A whole reference, likewise.
            return request.filter(reference: reference)
        } else if let text = text?.trimmingCharacters(in: .whitespaces), text.count >= 3 {
            // Three characters or more: the trigram index finds the matching rows.
            let compact = text.filter { !$0.isWhitespace }
            func phrase(_ value: String) -> String { "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let pattern = "{name reference} : \(phrase(text))" + (compact.count >= 3 ? " OR siren : \(phrase(compact))" : "")
            return request.filter(literal: "id IN (SELECT rowid FROM company_search WHERE company_search MATCH \(pattern))")
        } else if let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            let pattern =
                "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let sirenPattern = pattern.replacingOccurrences(of: " ", with: "")
            return request.filter(
                literal: """
                    (name_key LIKE \(pattern) ESCAPE '\\' OR lower(reference) LIKE \(pattern) ESCAPE '\\' \
                    OR siren LIKE \(sirenPattern) ESCAPE '\\')
                    """)
        }
        return request
    }
}
