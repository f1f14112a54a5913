import Foundation
import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.BillingService`: invoice runs,
/// invoices and credit notes, payments.
extension BillingClient {
    /// Bills `period` ("2026-04") for every company, or for one; the progress as it goes.
    public func run(
        period: String, companyReference: String = "", options: CallOptions = .default
    ) async throws -> some AsyncSequence<Myopenip_V1_InvoiceRunProgress, any Error> {
        var request = Myopenip_V1_RunInvoicesRequest()
        request.period = period
        request.companyReference = companyReference
        return try await runInvoices(request, options: options)
    }

    /// Runs `period` to its end; its last progress message.
    public func runToEnd(
        period: String, companyReference: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_InvoiceRunProgress {
        var last = Myopenip_V1_InvoiceRunProgress()
        for try await progress in try await run(period: period, companyReference: companyReference, options: options) {
            last = progress
        }
        return last
    }

    /// The invoice a company would get for `period` (empty: the next month).
    public func dryRun(
        companyReference: String, period: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_InvoicePreview {
        var request = Myopenip_V1_DryRunInvoiceRequest()
        request.companyReference = companyReference
        request.period = period
        return try await dryRunInvoice(request, options: options)
    }

    /// One page of invoices and credit notes, newest first.
    public func list(
        companyReference: String = "", series: Myopenip_V1_DocumentSeries = .unspecified,
        state: Myopenip_V1_InvoiceState = .unspecified, pageSize: UInt32 = 0, pageToken: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListInvoicesResponse {
        var request = Myopenip_V1_ListInvoicesRequest()
        request.companyReference = companyReference
        request.series = series
        request.state = state
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listInvoices(request, options: options)
    }

    public func get(number: String, options: CallOptions = .default) async throws -> Myopenip_V1_Invoice {
        var request = Myopenip_V1_GetInvoiceRequest()
        request.number = number
        return try await getInvoice(request, options: options)
    }

    /// The Factur-X PDF of an invoice or credit note (or, with `.xml`, its XML alone).
    public func document(
        number: String, format: Myopenip_V1_InvoiceDocumentFormat = .pdf, options: CallOptions = .default
    ) async throws -> Myopenip_V1_InvoiceDocument {
        var request = Myopenip_V1_GetInvoiceDocumentRequest()
        request.number = number
        request.format = format
        return try await getInvoiceDocument(request, options: options)
    }

    /// A credit note for `lines` of an invoice (none: every line not credited yet).
    public func creditNote(
        invoiceNumber: String, lines: [UInt32] = [], reason: String, options: CallOptions = .default
    ) async throws -> Myopenip_V1_Invoice {
        var request = Myopenip_V1_CreateCreditNoteRequest()
        request.invoiceNumber = invoiceNumber
        request.lines = lines
        request.reason = reason
        return try await createCreditNote(request, options: options)
    }

    public func recordPayment(
        invoiceNumber: String, amountCents: Int64, receivedOn: String = "", reference: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Invoice {
        var request = Myopenip_V1_RecordPaymentRequest()
        request.invoiceNumber = invoiceNumber
        request.amountCents = amountCents
        request.receivedOn = receivedOn
        request.reference = reference
        return try await recordPayment(request, options: options)
    }

    /// Imports one batch of call detail records.
    public func importCalls(
        batchID: String, records: [Myopenip_V1_CallRecord], options: CallOptions = .default
    ) async throws -> Myopenip_V1_ImportCallRecordsResponse {
        var request = Myopenip_V1_ImportCallRecordsRequest()
        request.batchID = batchID
        request.records = records
        return try await importCallRecords(request, options: options)
    }

    /// One page of call detail records, newest first.
    public func calls(
        companyReference: String = "", offerReference: String = "", period: String = "", invoiceNumber: String = "",
        unratedOnly: Bool = false, pageSize: UInt32 = 0, pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListCallRecordsResponse {
        var request = Myopenip_V1_ListCallRecordsRequest()
        request.companyReference = companyReference
        request.offerReference = offerReference
        request.period = period
        request.invoiceNumber = invoiceNumber
        request.unratedOnly = unratedOnly
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listCallRecords(request, options: options)
    }

    public func markSent(number: String, options: CallOptions = .default) async throws -> Myopenip_V1_Invoice {
        var request = Myopenip_V1_MarkInvoiceSentRequest()
        request.number = number
        return try await markInvoiceSent(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.BillingService`.
    public var billing: BillingClient { BillingClient(client: self) }
}
