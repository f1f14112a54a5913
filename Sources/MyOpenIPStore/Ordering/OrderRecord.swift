import MyOpenIPDomain

/// A product of an order: the contracted offer it created.
public struct OrderItemRecord: Sendable, Hashable {
    public var item: QuoteItemRecord
    public var contractedOfferReference: String
    public var state: ContractedOfferState
    public var cancellation: CancellationCause? = nil
    public var deliveredAt: Timestamp? = nil
}

/// The contracted offer an upgrade is ordered on.
public struct UpgradedOffer: Sendable, Hashable {
    public var id: Int64
    public var reference: String

    public init(id: Int64, reference: String) {
        self.id = id
        self.reference = reference
    }
}

/// An order, with the quote's contacts and the CGV accepted.
public struct OrderRecord: Sendable, Hashable {
    public var id: Int64
    public var reference: String
    public var companyReference: String
    public var companyName: String
    public var state: OrderState
    public var quoteID: Int64
    public var items: [OrderItemRecord]
    public var contacts: [QuoteContact]
    public var cgvVersion: Int64
    public var placedAt: Timestamp
    public var placedBy: String
    public var enteredBy: String?
    public var pilot: String?
    /// Modification for an order of upgrades.
    public var kind: ContractedOfferKind = .creation
    public var pointOfNoReturnAt: Timestamp? = nil

    public var totals: QuoteTotals {
        QuoteTotals(
            items: items.map {
                ($0.item.offering.oneTimePriceCents, $0.item.offering.monthlyPriceCents, $0.item.quantity)
            })
    }
}

/// A line of the list of contracted offers.
public struct ContractedOfferRecord: Sendable, Hashable {
    public var id: Int64
    public var reference: String
    public var name: String
    public var offeringCode: String
    public var category: OfferingCategory
    public var pilot: String?
    public var lastOrderReference: String
    public var companyName: String
    public var companyReference: String
    public var city: String
    public var deliveredAt: Timestamp?
    public var state: ContractedOfferState
    public var kind: ContractedOfferKind
    public var quantity: Int
    public var cancellation: CancellationCause? = nil
    /// For an option: the offer it was ordered on.
    public var upgradedOfferReference: String? = nil
}

/// An operation in the history of a contracted offer.
public struct ContractedOfferEventRecord: Sendable, Hashable {
    public var at: Timestamp
    public var actor: String
    public var from: ContractedOfferState?
    public var to: ContractedOfferState
    public var reason: String
    public var orderReference: String?
}

/// Everything the detail of a contracted offer shows.
public struct ContractedOfferDetailRecord: Sendable, Hashable {
    public var offer: ContractedOfferRecord
    public var offering: OfferingDraft
    public var site: SiteSnapshot
    public var form: [String: String]
    public var lastOrderState: OrderState
    public var companyPhone: String?
    public var history: [ContractedOfferEventRecord]
    /// Who entered and validated the last order.
    public var enteredBy: String?
    public var placedBy: String
    /// The contacts of the last order.
    public var contacts: [QuoteContact]
    /// Options ordered on this offer, with the form and frozen offering of each.
    public var upgrades: [UpgradeRecord] = []
    /// Once its termination is confirmed.
    public var termination: TerminationRecord? = nil
}

/// An option ordered on a contracted offer.
public struct UpgradeRecord: Sendable, Hashable {
    public var offer: ContractedOfferRecord
    public var offering: OfferingDraft
    public var form: [String: String]
}
