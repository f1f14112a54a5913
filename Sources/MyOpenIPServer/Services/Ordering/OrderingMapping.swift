import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension QuoteState {
    init(_ state: Myopenip_V1_QuoteState, field: String) throws(RPCError) {
        switch state {
        case .inProgress: self = .inProgress
        case .pending: self = .pending
        case .accepted: self = .accepted
        case .rejected: self = .rejected
        case .unspecified, .UNRECOGNIZED:
            throw RPCError(.invalidArgument, "état de devis inconnu", reason: "STATE_INVALID", field: field)
        }
    }

    var proto: Myopenip_V1_QuoteState {
        switch self {
        case .inProgress: .inProgress
        case .pending: .pending
        case .accepted: .accepted
        case .rejected: .rejected
        }
    }
}

extension Set<ContactFunction> {
    init(_ functions: [Myopenip_V1_ContactFunction], field: String) throws(RPCError) {
        self.init()
        for (index, function) in functions.enumerated() {
            switch function {
            case .onSiteIntervention: insert(.onSiteIntervention)
            case .equipmentDelivery: insert(.equipmentDelivery)
            case .orderFollowUp: insert(.orderFollowUp)
            case .unspecified, .UNRECOGNIZED:
                throw RPCError(
                    .invalidArgument, "fonction de contact inconnue", reason: "CONTACT_FUNCTION_INVALID",
                    field: "\(field)[\(index)]")
            }
        }
    }
}

extension ContactFunction {
    var proto: Myopenip_V1_ContactFunction {
        switch self {
        case .onSiteIntervention: .onSiteIntervention
        case .equipmentDelivery: .equipmentDelivery
        case .orderFollowUp: .orderFollowUp
        }
    }
}

extension OrderState {
    init(_ state: Myopenip_V1_OrderState, field: String) throws(RPCError) {
        guard let value = OrderState.allCases.first(where: { $0.proto == state }) else {
            throw RPCError(.invalidArgument, "état de commande inconnu", reason: "STATE_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_OrderState {
        switch self {
        case .acknowledged: .acknowledged
        case .inProgress: .inProgress
        case .held: .held
        case .pending: .pending
        case .completed: .completed
        case .failed: .failed
        case .partial: .partial
        case .cancelled: .cancelled
        case .rejected: .rejected
        }
    }
}

extension ContractedOfferState {
    init(_ state: Myopenip_V1_ContractedOfferState, field: String) throws(RPCError) {
        guard let value = ContractedOfferState.allCases.first(where: { $0.proto == state }) else {
            throw RPCError(.invalidArgument, "état d'offre contractée inconnu", reason: "STATE_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_ContractedOfferState {
        switch self {
        case .created: .created
        case .pendingActive: .pendingActive
        case .active: .active
        case .suspended: .suspended
        case .pendingTerminate: .pendingTerminate
        case .terminated: .terminated
        case .cancelled: .cancelled
        }
    }
}

extension ContractedOfferKind {
    var proto: Myopenip_V1_ContractedOfferKind {
        switch self {
        case .creation: .creation
        case .modification: .modification
        }
    }
}

extension Myopenip_V1_Amounts {
    init(_ amounts: Amounts) {
        self.init()
        excludingVatCents = amounts.excludingVATCents
        vatCents = amounts.vatCents
        includingVatCents = amounts.includingVATCents
    }
}

extension Myopenip_V1_QuoteTotals {
    init(_ totals: QuoteTotals) {
        self.init()
        oneTime = Myopenip_V1_Amounts(totals.oneTime)
        monthly = Myopenip_V1_Amounts(totals.monthly)
    }
}

extension Myopenip_V1_FrozenOffering {
    init(_ offering: OfferingDraft) {
        self.init()
        code = offering.code
        name = offering.name
        category = offering.category.proto
        oneTimePriceCents = offering.oneTimePriceCents
        monthlyPriceCents = offering.monthlyPriceCents
        commitmentMonths = UInt32(offering.commitmentMonths)
        noticeMonths = UInt32(offering.noticeMonths)
        terminationFeeCents = offering.terminationFeeCents
        needsOnSiteIntervention = offering.needsOnSiteIntervention
        needsEquipmentDelivery = offering.needsEquipmentDelivery
    }
}

extension Myopenip_V1_SiteSummary {
    init(_ site: SiteSnapshot) {
        self.init()
        id = site.id
        name = site.name
        street = site.street
        complement = site.complement
        postcode = site.postcode
        city = site.city
        country = site.country
    }
}

extension Myopenip_V1_FormValue {
    /// The values of `form`, in the order of the offering's form, with their labels.
    static func list(_ form: [String: String], of offering: OfferingDraft) -> [Myopenip_V1_FormValue] {
        offering.form.compactMap { characteristic in
            guard let value = form[characteristic.name] else { return nil }
            var item = Myopenip_V1_FormValue()
            item.name = characteristic.name
            item.label = characteristic.label
            item.value = value
            return item
        }
    }
}

extension Myopenip_V1_QuoteItem {
    init(_ item: QuoteItemRecord) {
        self.init()
        number = item.numberText
        offering = Myopenip_V1_FrozenOffering(item.offering)
        site = Myopenip_V1_SiteSummary(item.site)
        quantity = UInt32(item.quantity)
        form = Myopenip_V1_FormValue.list(item.form, of: item.offering)
        oneTimeTotalCents = item.offering.oneTimePriceCents * Int64(item.quantity)
        monthlyTotalCents = item.offering.monthlyPriceCents * Int64(item.quantity)
        upgradedOfferReference = item.upgradedOffer?.reference ?? ""
    }
}

extension Myopenip_V1_QuoteContact {
    init(_ contact: QuoteContact) {
        self.init()
        id = contact.id
        source =
            switch contact.source {
            case .clientDirectory: .clientDirectory
            case .partnerDirectory: .partnerDirectory
            case .adHoc: .adHoc
            }
        directoryContactID = contact.directoryContactID ?? 0
        lastName = contact.person.lastName
        firstName = contact.person.firstName
        email = contact.person.email.description
        phone = contact.person.phone.description
        role = contact.person.role
        functions = contact.functions.sorted().map(\.proto)
    }
}

extension Myopenip_V1_Quote {
    /// The quote as read at `now` (which tells whether it expired).
    init(_ quote: QuoteRecord, at now: Timestamp) {
        self.init()
        id = quote.id
        companyReference = quote.companyReference
        companyName = quote.companyName
        state = quote.state.proto
        expired = quote.isExpired(at: now)
        stateLabel = expired ? QuoteState.expiredLabel : quote.state.label
        items = quote.items.map(Myopenip_V1_QuoteItem.init)
        contacts = quote.contacts.map(Myopenip_V1_QuoteContact.init)
        totals = Myopenip_V1_QuoteTotals(quote.totals)
        createdAt = Google_Protobuf_Timestamp(quote.createdAt)
        createdBy = quote.createdBy
        validUntil = Google_Protobuf_Timestamp(quote.validUntil)
        enteredForClient = quote.enteredForClient
        if let submitted = quote.submittedAt { submittedAt = Google_Protobuf_Timestamp(submitted) }
        submittedBy = quote.submittedBy ?? ""
        orderReference = quote.orderReference ?? ""
        if let refused = quote.refusedAt { refusedAt = Google_Protobuf_Timestamp(refused) }
        refusedBy = quote.refusedBy ?? ""
        refusalReason = quote.refusalReason ?? ""
    }
}

extension Myopenip_V1_Order {
    init(_ order: OrderRecord) {
        self.init()
        reference = order.reference
        companyReference = order.companyReference
        companyName = order.companyName
        state = order.state.proto
        stateLabel = order.state.label
        quoteID = order.quoteID
        items = order.items.map { item in
            var line = Myopenip_V1_OrderItem()
            line.number = item.item.numberText
            line.contractedOfferReference = item.contractedOfferReference
            line.offering = Myopenip_V1_FrozenOffering(item.item.offering)
            line.site = Myopenip_V1_SiteSummary(item.item.site)
            line.quantity = UInt32(item.item.quantity)
            line.form = Myopenip_V1_FormValue.list(item.item.form, of: item.item.offering)
            line.oneTimeTotalCents = item.item.offering.oneTimePriceCents * Int64(item.item.quantity)
            line.monthlyTotalCents = item.item.offering.monthlyPriceCents * Int64(item.item.quantity)
            line.state = item.state.proto
            line.stateLabel = item.state.label(cancellation: item.cancellation)
            if let delivered = item.deliveredAt { line.deliveredAt = Google_Protobuf_Timestamp(delivered) }
            line.upgradedOfferReference = item.item.upgradedOffer?.reference ?? ""
            return line
        }
        contacts = order.contacts.map(Myopenip_V1_QuoteContact.init)
        totals = Myopenip_V1_QuoteTotals(order.totals)
        cgv.version = order.cgvVersion
        cgv.acceptedBy = order.placedBy
        cgv.acceptedAt = Google_Protobuf_Timestamp(order.placedAt)
        placedAt = Google_Protobuf_Timestamp(order.placedAt)
        placedBy = order.placedBy
        enteredBy = order.enteredBy ?? ""
        pilot = order.pilot ?? ""
        kind = order.kind.proto
        kindLabel = order.kind.label
        if let mark = order.pointOfNoReturnAt { pointOfNoReturnAt = Google_Protobuf_Timestamp(mark) }
    }
}

extension Myopenip_V1_ContractedOffer {
    init(_ offer: ContractedOfferRecord) {
        self.init()
        reference = offer.reference
        name = offer.name
        offeringCode = offer.offeringCode
        category = offer.category.proto
        pilot = offer.pilot ?? ""
        lastOrderReference = offer.lastOrderReference
        companyName = offer.companyName
        companyReference = offer.companyReference
        city = offer.city
        if let delivered = offer.deliveredAt { deliveredAt = Google_Protobuf_Timestamp(delivered) }
        state = offer.state.proto
        stateLabel = offer.state.label(cancellation: offer.cancellation)
        kind = offer.kind.proto
        kindLabel = offer.kind.label
        quantity = UInt32(offer.quantity)
        upgradedOfferReference = offer.upgradedOfferReference ?? ""
    }
}

extension Myopenip_V1_OrderChange {
    init(_ change: OrderChange) {
        self.init()
        orderReference = change.orderReference
        companyReference = change.companyReference
        orderState = change.orderState.proto
        orderStateLabel = change.orderState.label
        offerReference = change.offerReference ?? ""
        if let from = change.offerFrom { offerFromState = from.proto }
        if let to = change.offerTo {
            offerToState = to.proto
            offerStateLabel = to.label(cancellation: change.cancellation)
        }
        at = Google_Protobuf_Timestamp(change.at)
        actor = change.actor
        reason = change.reason
        pilot = change.pilot ?? ""
        pointOfNoReturn = change.pointOfNoReturn
    }
}

extension Myopenip_V1_TerminationTerms {
    /// The terms of a dry run, or of a confirmed termination (`record`), with their digest.
    init(_ quote: TerminationQuote, digest: String, record: TerminationRecord? = nil) {
        self.init()
        reference = quote.main.reference
        requestDate = quote.requestDate.description
        desiredDate = quote.desiredDate.description
        noticeMonths = UInt32(quote.main.terms.noticeMonths)
        noticeEndsOn = quote.main.terms.noticeEndsOn.description
        effectiveDate = quote.effectiveDate.description
        terminationFeeCents = quote.terminationFeeCents
        penaltyCents = quote.penaltyCents
        totalCents = quote.totalCents
        lines = quote.lines.map { line in
            var item = Myopenip_V1_TerminationLine()
            item.reference = line.reference
            item.name = line.name
            item.noticeMonths = UInt32(line.terms.noticeMonths)
            item.commitmentEndsOn = line.terms.commitmentEndsOn?.description ?? ""
            item.remainingCommittedMonths = UInt32(line.terms.remainingCommittedMonths)
            item.monthlyCents = line.offer.monthlyCents
            item.terminationFeeCents = line.terms.terminationFeeCents
            item.penaltyCents = line.terms.penaltyCents
            return item
        }
        warnings = TerminationTerms.warnings
        termsDigest = digest
        if let record {
            confirmed = true
            requestedBy = record.requestedBy
            requestedAt = Google_Protobuf_Timestamp(record.requestedAt)
            state = record.state.proto
            stateLabel = record.state.label
        }
    }
}
