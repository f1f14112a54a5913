import MyOpenIPDomain

/// What the operator's invoices say of the seller and of payment.
public struct BillingSettings: Sendable, Hashable {
    public var seller: SellerIdentity
    public var terms: PaymentTerms

    public init(seller: SellerIdentity = .placeholder, terms: PaymentTerms) {
        self.seller = seller
        self.terms = terms
    }
}

/// A payment recorded against an invoice.
public struct PaymentRecord: Sendable, Hashable {
    public var amountCents: Int64
    public var receivedOn: CivilDate
    public var reference: String
    public var recordedAt: Timestamp
    public var recordedBy: String

    public init(amountCents: Int64, receivedOn: CivilDate, reference: String, recordedAt: Timestamp, recordedBy: String) {
        self.amountCents = amountCents
        self.receivedOn = receivedOn
        self.reference = reference
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// An issued invoice or credit note, with what happened to it since.
public struct InvoiceRecord: Sendable, Hashable {
    public var id: Int64
    public var document: BillingDocument
    public var companyReference: String
    /// The month an invoice bills; nil for a credit note.
    public var billingMonth: BillingMonth?
    public var state: InvoiceState
    public var paidCents: Int64
    /// What credit notes took off an invoice, TTC.
    public var creditedCents: Int64
    /// The credit notes of an invoice, and which of its lines each credited.
    public var creditNotes: [String]
    public var creditedLines: [Int: String]
    public var payments: [PaymentRecord]
    public var issuedAt: Timestamp
    public var issuedBy: String
    /// The Factur-X XML, as written when the document was issued.
    public var facturXML: String

    public var number: DocumentNumber { document.number }

    /// What is left to pay on an invoice (nothing on a credit note).
    public var outstandingCents: Int64 {
        document.number.series == .invoice
            ? max(0, document.totals.includingVATCents - paidCents - creditedCents) : 0
    }
}

/// What running one company's invoice of a month did.
public enum InvoiceIssue: Sendable {
    case issued(InvoiceRecord)
    /// The month was billed already: its invoice, unchanged.
    case alreadyIssued(InvoiceRecord)
    /// Nothing is due for the month: no invoice.
    case nothingDue
}

/// The invoice a company would get, computed and stored nowhere.
public struct InvoicePreview: Sendable, Hashable {
    public var companyReference: String
    public var month: BillingMonth
    public var issuedOn: CivilDate
    public var dueOn: CivilDate
    public var lines: [InvoiceLine]
    public var totals: InvoiceTotals { InvoiceTotals(lines: lines) }
    /// Set when the month was billed already: the invoice that did it.
    public var issuedAs: String?
}

/// Which invoices and credit notes a list returns.
public struct InvoiceFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var series: DocumentSeries?
    public var state: InvoiceState?

    public init(company: CompanyReference? = nil, series: DocumentSeries? = nil, state: InvoiceState? = nil) {
        self.company = company
        self.series = series
        self.state = state
    }
}

/// Invoices, credit notes and payments.
public protocol BillingRepository: Sendable {
    /// The ids of the companies (of `company`, or all) with a delivered contracted offer, in id
    /// order, from `after` on: the companies an invoice run of a month goes through.
    func billableCompanies(company: CompanyReference?, after: Int64?, limit: Int) async throws -> [Int64]

    /// Issues the invoice of `month` for one company, in one transaction: its lines, its number
    /// (gapless in its series and year), its Factur-X XML, how far each offer is billed, the audit
    /// event. A month already billed answers its invoice and writes nothing.
    func issueInvoice(
        companyID: Int64, month: BillingMonth, issuedOn: CivilDate, settings: BillingSettings, context: AuditContext,
        at now: Timestamp
    ) async throws -> InvoiceIssue

    /// The invoice of `month` a company of the scope would get if it were issued on `issuedOn`.
    func preview(
        company: CompanyReference, month: BillingMonth, issuedOn: CivilDate, settings: BillingSettings,
        in scope: CompanyScope
    ) async throws -> InvoicePreview

    func invoice(number: DocumentNumber, in scope: CompanyScope) async throws -> InvoiceRecord?

    /// Newest first.
    func invoices(_ filter: InvoiceFilter, in scope: CompanyScope, page: PageRequest) async throws -> Page<InvoiceRecord>

    /// Issues a credit note for some (or all remaining) lines of an invoice.
    func createCreditNote(
        for invoice: DocumentNumber, lines: [Int], reason: String, issuedOn: CivilDate, settings: BillingSettings,
        context: AuditContext, at now: Timestamp
    ) async throws -> InvoiceRecord

    /// Records a payment of an invoice and settles its state.
    func recordPayment(
        for invoice: DocumentNumber, amountCents: Int64, receivedOn: CivilDate, reference: String,
        context: AuditContext, at now: Timestamp
    ) async throws -> InvoiceRecord

    /// The PDF kept for a document of the scope; nil when it was not made yet.
    func pdf(of number: DocumentNumber, in scope: CompanyScope) async throws -> [UInt8]?

    /// Keeps the PDF made for a document, once: a document that has one keeps it.
    func keepPDF(_ pdf: [UInt8], for number: DocumentNumber) async throws

    /// Documents issued whose PDF was not made yet (an interrupted run), oldest first.
    func documentsWithoutPDF(limit: Int) async throws -> [InvoiceRecord]

    /// Imports a batch of call records in one transaction, each rated with `rates` (or kept
    /// unrated, with the reason); a batch id seen before adds nothing.
    func importCalls(
        batch: String, records: [CallRecordInput], rates: RateTable, context: AuditContext, at now: Timestamp
    ) async throws -> CallImportOutcome

    /// Call records of the scope, newest first.
    func callRecords(_ filter: CallRecordFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<CallRecordRow>

    /// The calls an invoice of the scope billed, in the order they happened.
    func callDetail(of invoice: DocumentNumber, in scope: CompanyScope) async throws -> [CallRecordRow]

    /// Marks an invoice or credit note sent.
    func markSent(_ number: DocumentNumber, context: AuditContext, at now: Timestamp) async throws -> InvoiceRecord
}
