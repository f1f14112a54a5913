import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension DocumentSeries {
    init(_ series: Myopenip_V1_DocumentSeries, field: String) throws(RPCError) {
        guard let value = DocumentSeries.allCases.first(where: { $0.proto == series }) else {
            throw RPCError(.invalidArgument, "série inconnue", reason: "SERIES_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_DocumentSeries {
        switch self {
        case .invoice: .invoice
        case .creditNote: .creditNote
        }
    }
}

extension InvoiceState {
    init(_ state: Myopenip_V1_InvoiceState, field: String) throws(RPCError) {
        guard let value = InvoiceState.allCases.first(where: { $0.proto == state }) else {
            throw RPCError(.invalidArgument, "état de facture inconnu", reason: "STATE_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_InvoiceState {
        switch self {
        case .new: .new
        case .issued: .issued
        case .sent: .sent
        case .partiallyPaid: .partiallyPaid
        case .settled: .settled
        }
    }
}

extension ChargeKind {
    var proto: Myopenip_V1_ChargeKind {
        switch self {
        case .subscription: .subscription
        case .proratedSubscription: .proratedSubscription
        case .oneTime: .oneTime
        case .terminationFee: .terminationFee
        case .terminationPenalty: .terminationPenalty
        case .usage: .usage
        }
    }
}

extension Myopenip_V1_InvoiceLine {
    init(_ line: InvoiceLine, number: Int, creditedBy: String?) {
        self.init()
        self.number = UInt32(number)
        kind = line.kind.proto
        offerReference = line.offerReference
        description_p = line.description
        periodStart = line.periodStart.description
        periodEnd = line.periodEnd.description
        quantity = UInt32(line.quantity)
        unitPriceCents = line.unitPriceCents
        vatRateBasisPoints = UInt32(line.vatRateBasisPoints)
        amountCents = line.amountCents
        self.creditedBy = creditedBy ?? ""
    }
}

extension Myopenip_V1_VATBreakdown {
    init(_ rate: InvoiceTotals.VATBreakdown) {
        self.init()
        rateBasisPoints = UInt32(rate.rateBasisPoints)
        baseCents = rate.baseCents
        vatCents = rate.vatCents
    }
}

extension Myopenip_V1_InvoicePreview {
    init(_ preview: InvoicePreview) {
        self.init()
        companyReference = preview.companyReference
        period = preview.month.description
        issueDate = preview.issuedOn.description
        dueDate = preview.dueOn.description
        lines = preview.lines.enumerated().map { Myopenip_V1_InvoiceLine($1, number: $0 + 1, creditedBy: nil) }
        let totals = preview.totals
        vat = totals.breakdown.map(Myopenip_V1_VATBreakdown.init)
        excludingVatCents = totals.excludingVATCents
        vatCents = totals.vatCents
        includingVatCents = totals.includingVATCents
        issuedAs = preview.issuedAs ?? ""
    }
}

extension Myopenip_V1_BillingParty {
    init(_ seller: SellerIdentity) {
        self.init()
        name = seller.name
        legalForm = seller.legalForm
        street = seller.street
        postcode = seller.postcode
        city = seller.city
        country = seller.country
        siren = seller.siren.description
        vatNumber = seller.vatNumber
        email = seller.email
    }

    init(_ buyer: BillingParty) {
        self.init()
        name = buyer.name
        reference = buyer.reference
        street = buyer.street
        postcode = buyer.postcode
        city = buyer.city
        country = buyer.country
        siren = buyer.siren.description
        vatNumber = buyer.vatNumber
        email = buyer.email
    }

    init(_ delivery: DeliveryAddress) {
        self.init()
        name = delivery.name
        street = delivery.street
        postcode = delivery.postcode
        city = delivery.city
        country = delivery.country
    }
}

extension Myopenip_V1_Invoice {
    init(_ record: InvoiceRecord) {
        self.init()
        let document = record.document
        number = document.number.description
        series = document.number.series.proto
        seriesLabel = document.number.series.label
        companyReference = record.companyReference
        period = record.billingMonth?.description ?? ""
        issueDate = document.issuedOn.description
        dueDate = document.dueOn.description
        periodStart = document.periodStart.description
        periodEnd = document.periodEnd.description
        state = record.state.proto
        stateLabel = record.state.label
        seller = Myopenip_V1_BillingParty(document.seller)
        buyer = Myopenip_V1_BillingParty(document.buyer)
        if let address = document.deliveryAddress { delivery = Myopenip_V1_BillingParty(address) }
        lines = document.lines.enumerated().map {
            Myopenip_V1_InvoiceLine($1, number: $0 + 1, creditedBy: record.creditedLines[$0 + 1])
        }
        let totals = document.totals
        vat = totals.breakdown.map(Myopenip_V1_VATBreakdown.init)
        excludingVatCents = totals.excludingVATCents
        vatCents = totals.vatCents
        includingVatCents = totals.includingVATCents
        paidCents = record.paidCents
        creditedCents = record.creditedCents
        outstandingCents = record.outstandingCents
        if let corrected = document.corrects {
            correctsNumber = corrected.number.description
            correctsIssueDate = corrected.issuedOn.description
        }
        creditNotes = record.creditNotes
        payments = record.payments.map { payment in
            var message = Myopenip_V1_Payment()
            message.amountCents = payment.amountCents
            message.receivedOn = payment.receivedOn.description
            message.reference = payment.reference
            message.recordedAt = Google_Protobuf_Timestamp(payment.recordedAt)
            message.recordedBy = payment.recordedBy
            return message
        }
        legalMentions = document.legalMentions
        issuedAt = Google_Protobuf_Timestamp(record.issuedAt)
        issuedBy = record.issuedBy
    }
}
