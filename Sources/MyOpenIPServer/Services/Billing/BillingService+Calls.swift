import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// Call detail records: imported by the voice platform, rated, listed, and billed per invoice.
extension BillingService {
    static let maximumCallsPerBatch = 10_000

    public func importCallRecords(_ request: Myopenip_V1_ImportCallRecordsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ImportCallRecordsResponse
    {
        let batch = request.batchID.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(batch.count) else {
            throw RPCError(
                .invalidArgument, "batch_id has 1 to 100 characters", reason: "BATCH_ID_INVALID", field: "batch_id")
        }
        guard request.records.count <= Self.maximumCallsPerBatch else {
            throw RPCError(
                .invalidArgument, "a batch has at most \(Self.maximumCallsPerBatch) records", reason: "BATCH_TOO_LARGE",
                field: "records")
        }
        let records = try request.records.enumerated().map { index, record in
            try Self.callRecord(record, field: "records[\(index)]")
        }
        let outcome = try await billing.importCalls(
            batch: batch, records: records, rates: rates, context: context.audit, at: time.timestamp())
        var response = Myopenip_V1_ImportCallRecordsResponse()
        response.batchID = outcome.batchID
        response.alreadyImported = outcome.alreadyImported
        response.imported = UInt32(outcome.imported)
        response.rated = UInt32(outcome.rated)
        response.unrated = outcome.unrated.map {
            var unrated = Myopenip_V1_UnratedCallRecord()
            unrated.index = UInt32($0.index)
            unrated.reason = $0.reason
            return unrated
        }
        return response
    }

    static func callRecord(_ record: Myopenip_V1_CallRecord, field: String) throws -> CallRecordInput {
        guard record.hasStartedAt else {
            throw RPCError(.invalidArgument, "started_at is required", reason: "FIELD_REQUIRED", field: "\(field).started_at")
        }
        let started = try Timestamp(record.startedAt, field: "\(field).started_at")
        guard record.durationSeconds <= 86_400 else {
            throw RPCError(
                .invalidArgument, "a call lasts 24 hours at most", reason: "DURATION_INVALID",
                field: "\(field).duration_seconds")
        }
        for (number, name) in [(record.callingNumber, "calling_number"), (record.calledNumber, "called_number")] {
            let digits = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
            guard (1...32).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw RPCError(
                    .invalidArgument, "a number is 1 to 32 digits, with an optional leading +",
                    reason: "PHONE_NUMBER_INVALID", field: "\(field).\(name)")
            }
        }
        guard let destination = DestinationClass(record.destination) else {
            throw RPCError(
                .invalidArgument, "destination is required", reason: "DESTINATION_INVALID", field: "\(field).destination")
        }
        guard let offer = BusinessReference(record.offerReference, kind: .contractedOffer) else {
            throw RPCError(
                .invalidArgument, "offer_reference is a contracted offer's reference (OC00001)",
                reason: "OFFER_REFERENCE_INVALID", field: "\(field).offer_reference")
        }
        return CallRecordInput(
            startedAt: started, durationSeconds: Int64(record.durationSeconds), callingNumber: record.callingNumber,
            calledNumber: record.calledNumber, destination: destination, offerReference: offer.description)
    }

    public func listCallRecords(_ request: Myopenip_V1_ListCallRecordsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListCallRecordsResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = CallRecordFilter(unratedOnly: request.unratedOnly)
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if !request.offerReference.isEmpty { filter.offerReference = request.offerReference }
        if !request.period.isEmpty { filter.month = try Self.month(request.period, field: "period") }
        if !request.invoiceNumber.isEmpty {
            filter.invoice = try Self.number(request.invoiceNumber, field: "invoice_number")
        }
        let result = try await billing.callRecords(filter, in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListCallRecordsResponse()
        response.records = result.items.map(Myopenip_V1_RatedCallRecord.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    /// The calls an invoice billed, as CSV for a spreadsheet: `;` between fields, decimal commas.
    func callDetailCSV(_ number: DocumentNumber, context: ServerContext) async throws -> Data {
        let calls = try await billing.callDetail(of: number, in: context.principal.companyScope)
        var text = "date;heure;durée (s);appelant;appelé;destination;offre;durée facturée (s);montant HT (€)\r\n"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .paris
        for call in calls {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: call.startedAt.date)
            let day = String(format: "%02d/%02d/%04d", parts.day!, parts.month!, parts.year!)
            let time = String(format: "%02d:%02d:%02d", parts.hour!, parts.minute!, parts.second!)
            // Thousandths of a euro (1,000 millicents make a cent), rounded half up.
            let milliEuros = ((call.priceMillicents ?? 0) + 50) / 100
            let price = String(format: "%d,%03d", milliEuros / 1000, milliEuros % 1000)
            text +=
                [
                    day, time, String(call.durationSeconds), call.callingNumber, call.calledNumber,
                    call.destination.label, call.offerReference, String(call.billedSeconds ?? 0), price,
                ].joined(separator: ";") + "\r\n"
        }
        return Data(text.utf8)
    }
}

extension DestinationClass {
    init?(_ proto: Myopenip_V1_DestinationClass) {
        guard let value = DestinationClass.allCases.first(where: { $0.proto == proto }) else { return nil }
        self = value
    }

    var proto: Myopenip_V1_DestinationClass {
        switch self {
        case .onNet: .onNet
        case .national: .national
        case .mobile: .mobile
        case .overseas: .overseas
        case .international: .international
        case .special: .special
        case .emergency: .emergency
        }
    }
}

extension Myopenip_V1_RatedCallRecord {
    init(_ row: CallRecordRow) {
        self.init()
        id = row.id
        batchID = row.batchID
        startedAt = Google_Protobuf_Timestamp(row.startedAt)
        durationSeconds = UInt32(row.durationSeconds)
        callingNumber = row.callingNumber
        calledNumber = row.calledNumber
        destination = row.destination.proto
        destinationLabel = row.destination.label
        offerReference = row.offerReference
        companyReference = row.companyReference ?? ""
        billedSeconds = UInt32(row.billedSeconds ?? 0)
        priceMillicents = row.priceMillicents ?? 0
        rated = row.priceMillicents != nil
        unratedReason = row.unratedReason ?? ""
        invoiceNumber = row.invoiceNumber ?? ""
    }
}
