import GRDB
import MyOpenIPDomain

extension SQLiteBillingRepository {
    public func createCreditNote(
        for invoice: DocumentNumber, lines: [Int], reason: String, issuedOn: CivilDate, settings: BillingSettings,
        context: AuditContext, at now: Timestamp
    ) async throws -> InvoiceRecord {
        try await writes.write { db in
            guard invoice.series == .invoice, let original = try Self.invoice(invoice, in: .everything, db: db) else {
                throw BillingViolation.unknownInvoice
            }
            let taken = try CreditNoteSelection.lines(
                of: original.document.lines, selected: lines, credited: original.creditedLines)
            let number = try Self.nextNumber(.creditNote, year: issuedOn.year, db: db)
            let document = BillingDocument(
                number: number, issuedOn: issuedOn, dueOn: issuedOn, seller: original.document.seller,
                buyer: original.document.buyer, deliveryAddress: original.document.deliveryAddress,
                lines: taken.map(\.line), terms: original.document.terms,
                corrects: .init(number: original.number, issuedOn: original.document.issuedOn))
            let companyID = try Self.companyID(ofInvoice: original.id, db: db)
            let offerIDs = try Self.lineOffers(of: original.id, db: db)
            let id = try Self.insert(
                document, companyID: companyID, month: nil, corrects: original.id, lineOffers: offerIDs,
                credits: taken.map(\.number), context: context, at: now, db: db)
            let credited = original.creditedCents + document.totals.includingVATCents
            let due = original.document.totals.includingVATCents - credited
            try db.cachedStatement(sql: "UPDATE invoice SET credited_cents = ?, state = ? WHERE id = ?").execute(
                arguments: [
                    credited,
                    InvoiceState.settling(dueCents: due, paidCents: original.paidCents, sent: original.state != .issued)
                        .rawValue, original.id,
                ])
            // A credit note is settled when issued: it is what the invoice no longer owes.
            try db.cachedStatement(sql: "UPDATE invoice SET state = 'settled' WHERE id = ?").execute(arguments: [id])
            try AuditTrail.append(
                .creditNoteIssued, accountID: nil, companyID: companyID,
                details: [
                    "number": number.description, "invoice": original.number.description,
                    "lines": taken.map { String($0.number) }.joined(separator: ","),
                    "total_cents": String(document.totals.includingVATCents), "reason": reason,
                ], context: context, at: now, in: db)
            return try InvoiceLoader.invoice(id: id, db: db)
        }
    }

    /// The company a document is addressed to.
    static func companyID(ofInvoice id: Int64, db: Database) throws -> Int64 {
        guard
            let company = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT company_id FROM invoice WHERE id = ?"), arguments: [id])
        else { throw StoreError.corruptRow(table: "invoice", id: id) }
        return company
    }

    static func lineOffers(of invoiceID: Int64, db: Database) throws -> [String: Int64] {
        var offers: [String: Int64] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT offer_reference, contracted_offer_id FROM invoice_line WHERE invoice_id = ?"),
            arguments: [invoiceID])
        {
            if let id: Int64 = row["contracted_offer_id"] { offers[row["offer_reference"]] = id }
        }
        return offers
    }

    public func recordPayment(
        for invoice: DocumentNumber, amountCents: Int64, receivedOn: CivilDate, reference: String,
        context: AuditContext, at now: Timestamp
    ) async throws -> InvoiceRecord {
        try await writes.write { db in
            guard invoice.series == .invoice, let record = try Self.invoice(invoice, in: .everything, db: db) else {
                throw BillingViolation.unknownInvoice
            }
            guard amountCents > 0 else { throw BillingViolation.paymentNotPositive }
            guard record.outstandingCents > 0 else { throw BillingViolation.alreadySettled }
            guard amountCents <= record.outstandingCents else {
                throw BillingViolation.paymentTooLarge(outstandingCents: record.outstandingCents)
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO invoice_payment (invoice_id, amount_cents, received_on, reference, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [record.id, amountCents, receivedOn.description, reference, now.milliseconds, context.actor])
            let paid = record.paidCents + amountCents
            let due = record.document.totals.includingVATCents - record.creditedCents
            try db.cachedStatement(sql: "UPDATE invoice SET paid_cents = ?, state = ? WHERE id = ?").execute(arguments: [
                paid, InvoiceState.settling(dueCents: due, paidCents: paid, sent: record.state != .issued).rawValue,
                record.id,
            ])
            let companyID = try Self.companyID(ofInvoice: record.id, db: db)
            try AuditTrail.append(
                .paymentRecorded, accountID: nil, companyID: companyID,
                details: [
                    "number": invoice.description, "amount_cents": String(amountCents),
                    "received_on": receivedOn.description, "reference": reference,
                ], context: context, at: now, in: db)
            return try InvoiceLoader.invoice(id: record.id, db: db)
        }
    }

    public func markSent(_ number: DocumentNumber, context: AuditContext, at now: Timestamp) async throws
        -> InvoiceRecord
    {
        try await writes.write { db in
            guard let record = try Self.invoice(number, in: .everything, db: db) else {
                throw BillingViolation.unknown(number)
            }
            guard record.state == .issued else { return record }
            try db.cachedStatement(sql: "UPDATE invoice SET state = 'sent', sent_at = ? WHERE id = ?").execute(
                arguments: [now.milliseconds, record.id])
            let companyID = try Self.companyID(ofInvoice: record.id, db: db)
            try AuditTrail.append(
                .invoiceSent, accountID: nil, companyID: companyID, details: ["number": number.description],
                context: context, at: now, in: db)
            return try InvoiceLoader.invoice(id: record.id, db: db)
        }
    }
}
