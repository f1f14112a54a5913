import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.BillingService`: invoice runs, dry runs, invoices and credit notes in the
/// caller's scope, payments.
public struct BillingService: BillingServiceProtocol {
    /// Companies billed at once by a run: their writes share commits.
    static let concurrentCompanies = 32

    let billing: any BillingRepository
    let settings: BillingSettings
    let time: any TimeSource
    let renderer: DocumentRenderer
    /// The prices of calls, per destination class.
    let rates: RateTable

    public init(
        billing: any BillingRepository, settings: BillingSettings, time: any TimeSource = SystemTimeSource(),
        renderer: DocumentRenderer, rates: RateTable = .standard
    ) {
        self.billing = billing
        self.settings = settings
        self.time = time
        self.renderer = renderer
        self.rates = rates
    }

    var today: CivilDate { CivilDate(time.timestamp()) }

    public func runInvoices(
        _ request: Myopenip_V1_RunInvoicesRequest, stream: ResponseStream<Myopenip_V1_InvoiceRunProgress>,
        context: ServerContext
    ) async throws {
        let month = try Self.month(request.period, field: "period")
        let today = self.today
        guard month.first <= today else { throw BillingViolation.periodNotStarted(month) }
        let company = try request.companyReference.isEmpty ? nil : CompanyReference(request.companyReference)
        var companies: [Int64] = []
        while true {
            let next = try await billing.billableCompanies(company: company, after: companies.last, limit: 5_000)
            companies += next
            if next.count < 5_000 { break }
        }
        var progress = Myopenip_V1_InvoiceRunProgress()
        progress.period = month.description
        progress.companiesTotal = UInt32(companies.count)
        try await stream.send(progress)
        let audit = context.audit
        var lastSent = ContinuousClock.now
        for start in stride(from: 0, to: companies.count, by: Self.concurrentCompanies) {
            try Task.checkCancellation()
            let batch = companies[start..<min(start + Self.concurrentCompanies, companies.count)]
            let outcomes = try await withThrowingTaskGroup(of: InvoiceIssue.self) { group in
                for id in batch {
                    group.addTask { [billing, settings] in
                        try await billing.issueInvoice(
                            companyID: id, month: month, issuedOn: today, settings: settings, context: audit,
                            at: time.timestamp())
                    }
                }
                return try await group.reduce(into: [InvoiceIssue]()) { $0.append($1) }
            }
            // Each new invoice gets its PDF before the run goes on. One that cannot be made now
            // (a stop, fonts missing) is left to the background renderer, which logs why: the
            // invoice itself is issued.
            await withTaskGroup(of: Void.self) { group in
                for case .issued(let record) in outcomes {
                    group.addTask { [renderer] in _ = try? await renderer.renderAndKeep(record) }
                }
            }
            for outcome in outcomes {
                progress.companiesDone += 1
                switch outcome {
                case .issued(let record):
                    progress.invoicesIssued += 1
                    progress.issuedIncludingVatCents += record.document.totals.includingVATCents
                    progress.lastCompanyReference = record.companyReference
                case .alreadyIssued(let record):
                    progress.alreadyIssued += 1
                    progress.lastCompanyReference = record.companyReference
                case .nothingDue:
                    progress.nothingDue += 1
                }
            }
            if ContinuousClock.now - lastSent > .milliseconds(250) {
                lastSent = .now
                try await stream.send(progress)
            }
        }
        progress.finished = true
        try await stream.send(progress)
    }

    public func dryRunInvoice(_ request: Myopenip_V1_DryRunInvoiceRequest, context: ServerContext) async throws
        -> Myopenip_V1_InvoicePreview
    {
        let company = try CompanyReference(request.companyReference)
        let today = self.today
        let month =
            try request.period.isEmpty ? BillingMonth(containing: today).next : Self.month(request.period, field: "period")
        let preview = try await billing.preview(
            company: company, month: month, issuedOn: max(today, month.first), settings: settings,
            in: context.principal.companyScope)
        return Myopenip_V1_InvoicePreview(preview)
    }

    public func listInvoices(_ request: Myopenip_V1_ListInvoicesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListInvoicesResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = InvoiceFilter()
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if request.series != .unspecified { filter.series = try DocumentSeries(request.series, field: "series") }
        if request.state != .unspecified { filter.state = try InvoiceState(request.state, field: "state") }
        let result = try await billing.invoices(filter, in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListInvoicesResponse()
        response.invoices = result.items.map(Myopenip_V1_Invoice.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getInvoice(_ request: Myopenip_V1_GetInvoiceRequest, context: ServerContext) async throws
        -> Myopenip_V1_Invoice
    {
        Myopenip_V1_Invoice(try await record(request.number, context: context))
    }

    public func getInvoiceDocument(_ request: Myopenip_V1_GetInvoiceDocumentRequest, context: ServerContext) async throws
        -> Myopenip_V1_InvoiceDocument
    {
        let record = try await record(request.number, context: context)
        var document = Myopenip_V1_InvoiceDocument()
        document.number = record.number.description
        switch request.format {
        case .xml:
            document.fileName = "factur-x.xml"
            document.mediaType = "text/xml"
            document.content = Data(record.facturXML.utf8)
        case .pdf, .unspecified:
            document.fileName = "\(record.number).pdf"
            document.mediaType = "application/pdf"
            if let kept = try await billing.pdf(of: record.number, in: context.principal.companyScope) {
                document.content = Data(kept)
            } else {
                document.content = Data(try await renderer.renderAndKeep(record))
            }
        case .callDetail:
            document.fileName = "\(record.number)-appels.csv"
            document.mediaType = "text/csv; charset=utf-8"
            document.content = try await callDetailCSV(record.number, context: context)
        case .UNRECOGNIZED:
            throw RPCError(.invalidArgument, "format inconnu", reason: "FORMAT_INVALID", field: "format")
        }
        return document
    }

    public func createCreditNote(_ request: Myopenip_V1_CreateCreditNoteRequest, context: ServerContext) async throws
        -> Myopenip_V1_Invoice
    {
        let invoice = try Self.number(request.invoiceNumber, field: "invoice_number")
        let reason = try Self.text(request.reason, field: "reason", required: true)
        let lines = request.lines.map(Int.init)
        let note = try await context.answering(Myopenip_V1_Invoice.init) {
            try await billing.createCreditNote(
                for: invoice, lines: lines, reason: reason, issuedOn: today, settings: settings, context: context.audit,
                at: time.timestamp())
        }
        // Its PDF, made at once; the background renderer makes it later if this fails.
        if let number = DocumentNumber(note.number), let record = try? await billing.invoice(number: number, in: .everything) {
            _ = try? await renderer.renderAndKeep(record)
        }
        return note
    }

    public func recordPayment(_ request: Myopenip_V1_RecordPaymentRequest, context: ServerContext) async throws
        -> Myopenip_V1_Invoice
    {
        let invoice = try Self.number(request.invoiceNumber, field: "invoice_number")
        guard request.amountCents > 0 else { throw BillingViolation.paymentNotPositive }
        var received = today
        if !request.receivedOn.isEmpty {
            guard let day = CivilDate(request.receivedOn) else {
                throw RPCError(
                    .invalidArgument, "la date s'écrit AAAA-MM-JJ", reason: "DATE_INVALID", field: "received_on")
            }
            guard day <= received else {
                throw RPCError(
                    .invalidArgument, "un règlement ne peut pas être reçu dans le futur", reason: "DATE_IN_FUTURE",
                    field: "received_on")
            }
            received = day
        }
        let reference = try Self.text(request.reference, field: "reference", required: false)
        return try await context.answering(Myopenip_V1_Invoice.init) {
            try await billing.recordPayment(
                for: invoice, amountCents: request.amountCents, receivedOn: received, reference: reference,
                context: context.audit, at: time.timestamp())
        }
    }

    public func markInvoiceSent(_ request: Myopenip_V1_MarkInvoiceSentRequest, context: ServerContext) async throws
        -> Myopenip_V1_Invoice
    {
        let number = try Self.number(request.number, field: "number", series: nil)
        return try await context.answering(Myopenip_V1_Invoice.init) {
            try await billing.markSent(number, context: context.audit, at: time.timestamp())
        }
    }

    func record(_ text: String, context: ServerContext) async throws -> InvoiceRecord {
        let number = try Self.number(text, field: "number", series: nil)
        guard let record = try await billing.invoice(number: number, in: context.principal.companyScope) else {
            throw BillingViolation.unknown(number)
        }
        return record
    }

    static func month(_ text: String, field: String) throws -> BillingMonth {
        guard let month = BillingMonth(text) else { throw BillingViolation.periodInvalid.on(field) }
        return month
    }

    static func number(_ text: String, field: String, series: DocumentSeries? = .invoice) throws -> DocumentNumber {
        guard let number = DocumentNumber(text), series == nil || number.series == series else {
            throw RPCError(
                .invalidArgument,
                series == .invoice
                    ? "un numéro de facture s'écrit F2026-000001" : "un numéro s'écrit F2026-000001 ou A2026-000001",
                reason: "INVOICE_NUMBER_INVALID", field: field)
        }
        return number
    }

    static func text(_ text: String, field: String, required: Bool) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if required && trimmed.isEmpty {
            throw RPCError(.invalidArgument, "ce champ est requis", reason: "FIELD_REQUIRED", field: field)
        }
        guard trimmed.count <= 200 else {
            throw RPCError(.invalidArgument, "200 caractères au plus", reason: "FIELD_TOO_LONG", field: field)
        }
        return trimmed
    }
}
