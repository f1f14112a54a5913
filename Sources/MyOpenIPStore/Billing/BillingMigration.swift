import GRDB

/// Invoices and credit notes (one table, two series), their lines, their payments, the gapless
/// counters of their numbers, how far each contracted offer was billed, and the call detail
/// records of voice offers with their rating and the invoice that billed them. An issued document
/// never changes but for its state, payments and credits, and its PDF is written once: triggers
/// refuse any other change.
enum BillingMigration {
    static func v15(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE billing_counter (
                    series TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    PRIMARY KEY (series, year)
                ) WITHOUT ROWID;

                CREATE TABLE invoice (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    series TEXT NOT NULL CHECK (series IN ('invoice', 'credit_note')),
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    billing_month TEXT,
                    issued_on TEXT NOT NULL,
                    due_on TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('issued', 'sent', 'partially_paid', 'settled')),
                    excluding_vat_cents INTEGER NOT NULL,
                    vat_cents INTEGER NOT NULL,
                    including_vat_cents INTEGER NOT NULL,
                    paid_cents INTEGER NOT NULL DEFAULT 0,
                    credited_cents INTEGER NOT NULL DEFAULT 0,
                    corrects_invoice_id INTEGER REFERENCES invoice(id),
                    parties TEXT NOT NULL,
                    factur_x_xml TEXT NOT NULL,
                    pdf BLOB,
                    issued_at INTEGER NOT NULL,
                    issued_by TEXT NOT NULL,
                    sent_at INTEGER,
                    CHECK ((series = 'invoice') = (billing_month IS NOT NULL)),
                    CHECK ((series = 'credit_note') = (corrects_invoice_id IS NOT NULL))
                );
                CREATE UNIQUE INDEX invoice_by_company_month ON invoice(company_id, billing_month)
                    WHERE billing_month IS NOT NULL;
                CREATE INDEX invoice_by_company ON invoice(company_id, id);
                CREATE INDEX invoice_by_corrected ON invoice(corrects_invoice_id) WHERE corrects_invoice_id IS NOT NULL;

                CREATE TABLE invoice_line (
                    invoice_id INTEGER NOT NULL REFERENCES invoice(id),
                    number INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    contracted_offer_id INTEGER REFERENCES contracted_offer(id),
                    offer_reference TEXT NOT NULL,
                    description TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    unit_price_cents INTEGER NOT NULL,
                    vat_rate_basis_points INTEGER NOT NULL,
                    amount_cents INTEGER NOT NULL,
                    credits_line INTEGER,
                    PRIMARY KEY (invoice_id, number)
                ) WITHOUT ROWID;

                CREATE TABLE contracted_offer_billing (
                    contracted_offer_id INTEGER PRIMARY KEY REFERENCES contracted_offer(id),
                    billed_through TEXT,
                    one_time_billed INTEGER NOT NULL DEFAULT 0,
                    termination_billed INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE invoice_payment (
                    id INTEGER PRIMARY KEY,
                    invoice_id INTEGER NOT NULL REFERENCES invoice(id),
                    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                    received_on TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    recorded_by TEXT NOT NULL
                );
                CREATE INDEX invoice_payment_by_invoice ON invoice_payment(invoice_id, id);

                CREATE TABLE call_record_batch (
                    batch_id TEXT PRIMARY KEY,
                    imported_at INTEGER NOT NULL,
                    imported_by TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    unrated INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE call_record (
                    id INTEGER PRIMARY KEY,
                    batch_id TEXT NOT NULL REFERENCES call_record_batch(batch_id),
                    contracted_offer_id INTEGER REFERENCES contracted_offer(id),
                    offer_reference TEXT NOT NULL,
                    company_id INTEGER REFERENCES company(id),
                    started_at INTEGER NOT NULL,
                    month TEXT NOT NULL,
                    duration_seconds INTEGER NOT NULL,
                    calling_number TEXT NOT NULL,
                    called_number TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    billed_seconds INTEGER,
                    price_millicents INTEGER,
                    unrated_reason TEXT,
                    invoice_id INTEGER REFERENCES invoice(id),
                    CHECK ((price_millicents IS NULL) = (unrated_reason IS NOT NULL))
                );
                CREATE INDEX call_record_unbilled ON call_record(company_id, month)
                    WHERE invoice_id IS NULL AND price_millicents IS NOT NULL;
                CREATE INDEX call_record_by_invoice ON call_record(invoice_id, started_at) WHERE invoice_id IS NOT NULL;
                CREATE INDEX call_record_by_company ON call_record(company_id, id);

                CREATE TRIGGER invoice_never_changes BEFORE UPDATE OF number, series, company_id, billing_month,
                    issued_on, due_on, period_start, period_end, excluding_vat_cents, vat_cents, including_vat_cents,
                    corrects_invoice_id, parties, factur_x_xml, issued_at, issued_by ON invoice
                BEGIN
                    SELECT RAISE(ABORT, 'an issued invoice never changes');
                END;
                CREATE TRIGGER invoice_pdf_never_changes BEFORE UPDATE OF pdf ON invoice WHEN OLD.pdf IS NOT NULL
                BEGIN
                    SELECT RAISE(ABORT, 'an issued invoice never changes');
                END;
                CREATE INDEX invoice_without_pdf ON invoice(id) WHERE pdf IS NULL;
                CREATE TRIGGER invoice_is_kept BEFORE DELETE ON invoice
                BEGIN
                    SELECT RAISE(ABORT, 'an issued invoice is kept');
                END;
                CREATE TRIGGER invoice_line_never_changes BEFORE UPDATE ON invoice_line
                BEGIN
                    SELECT RAISE(ABORT, 'an issued invoice never changes');
                END;
                CREATE TRIGGER invoice_line_is_kept BEFORE DELETE ON invoice_line
                BEGIN
                    SELECT RAISE(ABORT, 'an issued invoice is kept');
                END;
                """)
    }
}

extension StoreMigration {
    /// `v15_billing`.
    public static let billing = StoreMigration(version: 15, name: "billing", migrate: BillingMigration.v15)
}
