import GRDB
import MyOpenIPDomain

/// ``BillingRepository`` on the daemon's SQLite database.
public struct SQLiteBillingRepository: BillingRepository {
    let reads: StoreReads
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    public func billableCompanies(company: CompanyReference?, after: Int64?, limit: Int) async throws -> [Int64] {
        try await reads.readPage { db in
            var sql = """
                SELECT DISTINCT contracted_offer.company_id FROM contracted_offer
                JOIN company ON company.id = contracted_offer.company_id
                WHERE contracted_offer.delivered_at IS NOT NULL AND contracted_offer.company_id > ?
                """
            var arguments: StatementArguments = [after ?? 0]
            if let company {
                sql += " AND company.reference = ?"
                arguments += [company.description]
            }
            sql += " ORDER BY contracted_offer.company_id LIMIT ?"
            arguments += [limit]
            return try Int64.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    public func issueInvoice(
        companyID: Int64, month: BillingMonth, issuedOn: CivilDate, settings: BillingSettings, context: AuditContext,
        at now: Timestamp
    ) async throws -> InvoiceIssue {
        try await writes.write { db in
            if let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM invoice WHERE company_id = ? AND billing_month = ?"),
                arguments: [companyID, month.description])
            {
                return .alreadyIssued(try InvoiceLoader.invoice(id: id, db: db))
            }
            let facts = try BillingFacts.load(companyID: companyID, db: db)
            let usage = try Self.unbilledUsage(companyID: companyID, before: month, db: db)
            let lines = InvoiceComputation.lines(for: month, offers: facts.offers.map(\.offer), usage: usage)
            guard !lines.isEmpty else { return .nothingDue }
            let number = try Self.nextNumber(.invoice, year: issuedOn.year, db: db)
            let document = BillingDocument(
                number: number, issuedOn: issuedOn, dueOn: settings.terms.dueDate(issuedOn: issuedOn),
                seller: settings.seller, buyer: facts.buyer, deliveryAddress: facts.deliveryAddress, lines: lines,
                terms: settings.terms)
            let id = try Self.insert(
                document, companyID: companyID, month: month, corrects: nil, lineOffers: facts.offerIDs,
                credits: [], context: context, at: now, db: db)
            try Self.markBilled(lines, facts: facts, db: db)
            if !usage.isEmpty { try Self.markCallsBilled(companyID: companyID, before: month, invoiceID: id, db: db) }
            try AuditTrail.append(
                .invoiceIssued, accountID: nil, companyID: companyID,
                details: [
                    "number": number.description, "period": month.description,
                    "total_cents": String(document.totals.includingVATCents),
                ], context: context, at: now, in: db)
            return .issued(try InvoiceLoader.invoice(id: id, db: db))
        }
    }

    public func preview(
        company: CompanyReference, month: BillingMonth, issuedOn: CivilDate, settings: BillingSettings,
        in scope: CompanyScope
    ) async throws -> InvoicePreview {
        // Every offer and the month's calls of the company: on the reader queue, not the event loop.
        try await reads.readPage { db in
            let companyID = try scope.companyID(of: company, in: db)
            let issued = try String.fetchOne(
                db.cachedStatement(sql: "SELECT number FROM invoice WHERE company_id = ? AND billing_month = ?"),
                arguments: [companyID, month.description])
            let facts = try BillingFacts.load(companyID: companyID, db: db)
            let usage = try Self.unbilledUsage(companyID: companyID, before: month, db: db)
            return InvoicePreview(
                companyReference: company.description, month: month, issuedOn: issuedOn,
                dueOn: settings.terms.dueDate(issuedOn: issuedOn),
                lines: issued == nil
                    ? InvoiceComputation.lines(for: month, offers: facts.offers.map(\.offer), usage: usage) : [],
                issuedAs: issued)
        }
    }

    /// The next number of `series` in `year`, taken in the caller's transaction: a rolled-back
    /// write gives it back, so the sequence has no gap and no number twice.
    static func nextNumber(_ series: DocumentSeries, year: Int, db: Database) throws -> DocumentNumber {
        let sequence = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO billing_counter (series, year, last) VALUES (?, ?, 1)
                    ON CONFLICT (series, year) DO UPDATE SET last = last + 1
                    RETURNING last
                    """), arguments: [series.rawValue, year])
        guard let sequence else { throw StoreError.corruptRow(table: "billing_counter", id: Int64(year)) }
        return DocumentNumber(series: series, year: year, sequence: sequence)
    }

    /// Writes a document and its lines; `lineOffers` gives the id of each offer reference,
    /// `credits` the invoice line each line of a credit note credits.
    static func insert(
        _ document: BillingDocument, companyID: Int64, month: BillingMonth?, corrects: Int64?,
        lineOffers: [String: Int64], credits: [Int], context: AuditContext, at now: Timestamp, db: Database
    ) throws -> Int64 {
        let totals = document.totals
        try db.cachedStatement(
            sql: """
                INSERT INTO invoice (number, series, company_id, billing_month, issued_on, due_on, period_start,
                    period_end, state, excluding_vat_cents, vat_cents, including_vat_cents, corrects_invoice_id,
                    parties, factur_x_xml, issued_at, issued_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            document.number.description, document.number.series.rawValue, companyID, month?.description,
            document.issuedOn.description, document.dueOn.description, document.periodStart.description,
            document.periodEnd.description, totals.excludingVATCents, totals.vatCents, totals.includingVATCents,
            corrects,
            BillingPartiesJSON.encode(
                seller: document.seller, buyer: document.buyer, delivery: document.deliveryAddress,
                terms: document.terms),
            CrossIndustryInvoice.xml(document), now.milliseconds, context.actor,
        ])
        let id = db.lastInsertedRowID
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO invoice_line (invoice_id, number, kind, contracted_offer_id, offer_reference, description,
                    period_start, period_end, quantity, unit_price_cents, vat_rate_basis_points, amount_cents, credits_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, line) in document.lines.enumerated() {
            try statement.execute(arguments: [
                id, index + 1, line.kind.rawValue, lineOffers[line.offerReference], line.offerReference,
                line.description, line.periodStart.description, line.periodEnd.description, line.quantity,
                line.unitPriceCents, line.vatRateBasisPoints, line.amountCents, index < credits.count ? credits[index] : nil,
            ])
        }
        return id
    }

    /// Records how far each offer of `lines` is billed now.
    static func markBilled(_ lines: [InvoiceLine], facts: BillingFacts, db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO contracted_offer_billing (contracted_offer_id, billed_through, one_time_billed, termination_billed)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (contracted_offer_id) DO UPDATE SET billed_through = excluded.billed_through,
                    one_time_billed = excluded.one_time_billed, termination_billed = excluded.termination_billed
                """)
        for fact in facts.offers {
            let own = lines.filter { $0.offerReference == fact.offer.reference }
            guard !own.isEmpty else { continue }
            let recurring = own.filter { $0.kind == .subscription || $0.kind == .proratedSubscription }
            let through = (recurring.map(\.periodEnd) + [fact.offer.billedThrough].compactMap { $0 }).max()
            try statement.execute(arguments: [
                fact.id, through?.description,
                fact.offer.oneTimeBilled || own.contains { $0.kind == .oneTime },
                fact.offer.terminationBilled
                    || own.contains { $0.kind == .terminationFee || $0.kind == .terminationPenalty },
            ])
        }
    }
}
