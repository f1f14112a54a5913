import GRDB
import MyOpenIPDomain

extension SQLiteBillingRepository {
    public func importCalls(
        batch: String, records: [CallRecordInput], rates: RateTable, context: AuditContext, at now: Timestamp
    ) async throws -> CallImportOutcome {
        try await writes.write { db in
            if let known = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT records FROM call_record_batch WHERE batch_id = ?"), arguments: [batch])
            {
                return CallImportOutcome(
                    batchID: batch, alreadyImported: true, imported: known["records"], rated: 0, unrated: [])
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO call_record_batch (batch_id, imported_at, imported_by, records, unrated)
                    VALUES (?, ?, ?, ?, 0)
                    """
            ).execute(arguments: [batch, now.milliseconds, context.actor, records.count])
            var offers: [String: (id: Int64, company: Int64)?] = [:]
            let lookup = try db.cachedStatement(sql: "SELECT id, company_id FROM contracted_offer WHERE reference = ?")
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO call_record (batch_id, contracted_offer_id, offer_reference, company_id, started_at, month,
                        duration_seconds, calling_number, called_number, destination, billed_seconds, price_millicents,
                        unrated_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var unrated: [CallImportOutcome.Unrated] = []
            for (index, record) in records.enumerated() {
                if offers[record.offerReference] == nil {
                    let row = try Row.fetchOne(lookup, arguments: [record.offerReference])
                    offers[record.offerReference] = row.map { (id: $0["id"], company: $0["company_id"]) }
                }
                let offer = offers[record.offerReference] ?? nil
                var reason: String?
                var billed: Int64?
                var price: Int64?
                if offer == nil {
                    reason = "offre contractée inconnue : \(record.offerReference)"
                } else if let rate = rates.rate(for: record.destination) {
                    billed = rate.billedSeconds(record.durationSeconds)
                    price = rate.price(record.durationSeconds)
                } else {
                    reason = "aucun tarif pour la destination « \(record.destination.label) »"
                }
                if let reason { unrated.append(.init(index: index, reason: reason)) }
                try insert.execute(arguments: [
                    batch, offer?.id, record.offerReference, offer?.company, record.startedAt.milliseconds,
                    BillingMonth(containing: CivilDate(record.startedAt)).description, record.durationSeconds,
                    record.callingNumber, record.calledNumber, record.destination.rawValue, billed, price, reason,
                ])
            }
            try db.cachedStatement(sql: "UPDATE call_record_batch SET unrated = ? WHERE batch_id = ?").execute(
                arguments: [unrated.count, batch])
            try AuditTrail.append(
                .callRecordsImported, accountID: nil,
                details: ["batch": batch, "records": String(records.count), "unrated": String(unrated.count)],
                context: context, at: now, in: db)
            return CallImportOutcome(
                batchID: batch, alreadyImported: false, imported: records.count, rated: records.count - unrated.count,
                unrated: unrated)
        }
    }

    static let callColumns = """
        call_record.id, call_record.batch_id, call_record.started_at, call_record.duration_seconds,
        call_record.calling_number, call_record.called_number, call_record.destination, call_record.offer_reference,
        company.reference AS company_reference, call_record.billed_seconds, call_record.price_millicents,
        call_record.unrated_reason, invoice.number AS invoice_number
        """

    static func callRow(_ row: Row) throws -> CallRecordRow {
        let id: Int64 = row["id"]
        guard let destination = DestinationClass(rawValue: row["destination"]) else {
            throw StoreError.corruptRow(table: "call_record", id: id)
        }
        return CallRecordRow(
            id: id, batchID: row["batch_id"], startedAt: Timestamp(milliseconds: row["started_at"]),
            durationSeconds: row["duration_seconds"], callingNumber: row["calling_number"],
            calledNumber: row["called_number"], destination: destination, offerReference: row["offer_reference"],
            companyReference: row["company_reference"], billedSeconds: row["billed_seconds"],
            priceMillicents: row["price_millicents"], unratedReason: row["unrated_reason"],
            invoiceNumber: row["invoice_number"])
    }

    public func callRecords(_ filter: CallRecordFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<CallRecordRow>
    {
        try await reads.readPage { db in
            // Records of no known offer belong to no company: operator staff alone see them.
            var sql = """
                SELECT \(Self.callColumns) FROM call_record
                LEFT JOIN company ON company.id = call_record.company_id
                LEFT JOIN invoice ON invoice.id = call_record.invoice_id
                WHERE call_record.id < ?
                """
            var arguments: StatementArguments = [page.cursor ?? Int64.max]
            if scope != .everything || filter.company != nil {
                let companies = try ListScope.condition(
                    column: "call_record.company_id", scope: scope, company: filter.company, db: db)
                sql += " AND \(companies.condition)"
                arguments += companies.arguments
            }
            if let offer = filter.offerReference {
                sql += " AND call_record.offer_reference = ?"
                arguments += [offer]
            }
            if let month = filter.month {
                sql += " AND call_record.month = ?"
                arguments += [month.description]
            }
            if let invoice = filter.invoice {
                sql += " AND invoice.number = ?"
                arguments += [invoice.description]
            }
            if filter.unratedOnly { sql += " AND call_record.price_millicents IS NULL" }
            sql += " ORDER BY call_record.id DESC LIMIT ?"
            arguments += [page.limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return Page(fetched: try rows.map(Self.callRow), limit: page.limit, id: \.id)
        }
    }

    public func callDetail(of invoice: DocumentNumber, in scope: CompanyScope) async throws -> [CallRecordRow] {
        try await reads.readPage { db in
            guard let record = try Self.invoice(invoice, in: scope, db: db) else { throw BillingViolation.unknownInvoice }
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(Self.callColumns) FROM call_record
                        LEFT JOIN company ON company.id = call_record.company_id
                        JOIN invoice ON invoice.id = call_record.invoice_id
                        WHERE call_record.invoice_id = ? ORDER BY call_record.started_at, call_record.id
                        """), arguments: [record.id])
            return try rows.map(Self.callRow)
        }
    }

    /// The rated calls of a company not billed yet, before `month`, summed per offer, month and
    /// destination: the usage lines of its invoice of `month`.
    static func unbilledUsage(companyID: Int64, before month: BillingMonth, db: Database) throws -> [UsageCharge] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT call_record.offer_reference, COALESCE(contracted_offer.name, call_record.offer_reference) AS name,
                           call_record.month, call_record.destination, COUNT(*) AS calls,
                           SUM(call_record.billed_seconds) AS seconds, SUM(call_record.price_millicents) AS millicents
                    FROM call_record LEFT JOIN contracted_offer ON contracted_offer.id = call_record.contracted_offer_id
                    WHERE call_record.company_id = ? AND call_record.invoice_id IS NULL
                    AND call_record.price_millicents IS NOT NULL AND call_record.month < ?
                    GROUP BY call_record.offer_reference, call_record.month, call_record.destination
                    """), arguments: [companyID, month.description])
        return try rows.map { row in
            guard let usageMonth = BillingMonth(row["month"] as String),
                let destination = DestinationClass(rawValue: row["destination"])
            else { throw StoreError.corruptRow(table: "call_record", id: companyID) }
            return UsageCharge(
                offerReference: row["offer_reference"], offerName: row["name"], month: usageMonth,
                destination: destination, calls: row["calls"], billedSeconds: row["seconds"],
                millicents: row["millicents"])
        }
    }

    /// Marks the calls `unbilledUsage` summed as billed by `invoiceID`.
    static func markCallsBilled(companyID: Int64, before month: BillingMonth, invoiceID: Int64, db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE call_record SET invoice_id = ?
                WHERE company_id = ? AND invoice_id IS NULL AND price_millicents IS NOT NULL AND month < ?
                """
        ).execute(arguments: [invoiceID, companyID, month.description])
    }
}
