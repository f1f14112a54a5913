import GRDB
import MyOpenIPDomain

/// Reads an issued document whole: its row, its lines, its payments and the credit notes that
/// correct it.
enum InvoiceLoader {
    static let columns = """
        invoice.id, invoice.number, invoice.billing_month, invoice.issued_on, invoice.due_on, invoice.state,
        invoice.paid_cents, invoice.credited_cents, invoice.corrects_invoice_id, invoice.parties,
        invoice.factur_x_xml, invoice.issued_at, invoice.issued_by, company.reference AS company_reference
        """

    static func invoice(id: Int64, db: Database) throws -> InvoiceRecord {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT \(columns) FROM invoice JOIN company ON company.id = invoice.company_id WHERE invoice.id = ?"
                ), arguments: [id])
        else { throw StoreError.corruptRow(table: "invoice", id: id) }
        return try record(row, db: db)
    }

    static func record(_ row: Row, db: Database) throws -> InvoiceRecord {
        let id: Int64 = row["id"]
        func corrupt() -> StoreError { StoreError.corruptRow(table: "invoice", id: id) }
        guard let number = DocumentNumber(row["number"] as String), let issuedOn = CivilDate(row["issued_on"] as String),
            let dueOn = CivilDate(row["due_on"] as String), let state = InvoiceState(rawValue: row["state"])
        else { throw corrupt() }
        let (seller, buyer, delivery, terms) = try BillingPartiesJSON.decode(row["parties"], id: id)
        let lineRows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT number, kind, offer_reference, description, period_start, period_end, quantity,
                           unit_price_cents, vat_rate_basis_points, amount_cents
                    FROM invoice_line WHERE invoice_id = ? ORDER BY number
                    """), arguments: [id])
        let lines = try lineRows.map { line -> InvoiceLine in
            guard let kind = ChargeKind(rawValue: line["kind"]), let start = CivilDate(line["period_start"] as String),
                let end = CivilDate(line["period_end"] as String)
            else { throw corrupt() }
            return InvoiceLine(
                kind: kind, offerReference: line["offer_reference"], description: line["description"],
                periodStart: start, periodEnd: end, quantity: line["quantity"], unitPriceCents: line["unit_price_cents"],
                amountCents: line["amount_cents"], vatRateBasisPoints: line["vat_rate_basis_points"])
        }
        guard !lines.isEmpty else { throw corrupt() }
        var corrects: BillingDocument.Reference?
        if let corrected: Int64 = row["corrects_invoice_id"] {
            guard
                let original = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT number, issued_on FROM invoice WHERE id = ?"), arguments: [corrected]),
                let originalNumber = DocumentNumber(original["number"] as String),
                let originalDate = CivilDate(original["issued_on"] as String)
            else { throw corrupt() }
            corrects = .init(number: originalNumber, issuedOn: originalDate)
        }
        let credits = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT invoice.number, invoice_line.credits_line FROM invoice
                    JOIN invoice_line ON invoice_line.invoice_id = invoice.id
                    WHERE invoice.corrects_invoice_id = ? ORDER BY invoice.id, invoice_line.number
                    """), arguments: [id])
        var creditNotes: [String] = []
        var creditedLines: [Int: String] = [:]
        for credit in credits {
            let note: String = credit["number"]
            if creditNotes.last != note { creditNotes.append(note) }
            if let line: Int = credit["credits_line"] { creditedLines[line] = note }
        }
        let payments = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT amount_cents, received_on, reference, recorded_at, recorded_by FROM invoice_payment
                    WHERE invoice_id = ? ORDER BY id
                    """), arguments: [id]
        ).map { payment -> PaymentRecord in
            guard let day = CivilDate(payment["received_on"] as String) else { throw corrupt() }
            return PaymentRecord(
                amountCents: payment["amount_cents"], receivedOn: day, reference: payment["reference"],
                recordedAt: Timestamp(milliseconds: payment["recorded_at"]), recordedBy: payment["recorded_by"])
        }
        let document = BillingDocument(
            number: number, issuedOn: issuedOn, dueOn: dueOn, seller: seller, buyer: buyer, deliveryAddress: delivery,
            lines: lines, terms: terms, corrects: corrects)
        return InvoiceRecord(
            id: id, document: document, companyReference: row["company_reference"],
            billingMonth: (row["billing_month"] as String?).flatMap(BillingMonth.init), state: state,
            paidCents: row["paid_cents"], creditedCents: row["credited_cents"], creditNotes: creditNotes,
            creditedLines: creditedLines, payments: payments, issuedAt: Timestamp(milliseconds: row["issued_at"]),
            issuedBy: row["issued_by"], facturXML: row["factur_x_xml"])
    }
}
