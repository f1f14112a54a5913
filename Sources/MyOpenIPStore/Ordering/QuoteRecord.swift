import MyOpenIPDomain

/// A product of a quote as stored: the offering and site frozen when it was added.
public struct QuoteItemRecord: Sendable, Hashable {
    /// 1, 2… in the order the products were added (shown "01", "02").
    public var number: Int
    public var offering: OfferingDraft
    public var site: SiteSnapshot
    /// Whether the site still exists.
    public var siteExists: Bool
    public var quantity: Int
    public var form: [String: String]
    /// For an upgrade: the contracted offer it is ordered on.
    public var upgradedOffer: UpgradedOffer? = nil

    /// The number as the portal shows it, two digits at least.
    public var numberText: String { number < 10 ? "0\(number)" : String(number) }

    public static func number(parsing text: String) -> Int? {
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

/// A quote with its products and contacts.
public struct QuoteRecord: Sendable, Hashable {
    public var id: Int64
    public var companyID: Int64
    public var companyReference: String
    public var companyName: String
    public var state: QuoteState
    /// Built by the client's partner or by operator staff: the client validates it.
    public var enteredForClient: Bool
    public var createdAt: Timestamp
    public var createdBy: String
    public var validUntil: Timestamp
    public var submittedAt: Timestamp?
    public var submittedBy: String?
    public var refusedAt: Timestamp?
    public var refusedBy: String?
    public var refusalReason: String?
    /// The order it became.
    public var orderReference: String?
    public var items: [QuoteItemRecord]
    public var contacts: [QuoteContact]

    /// Whether its validity has passed at `now` without it being ordered or refused.
    public func isExpired(at now: Timestamp) -> Bool {
        (state == .inProgress || state == .pending) && now.milliseconds >= validUntil.milliseconds
    }

    public var totals: QuoteTotals {
        QuoteTotals(
            items: items.map { ($0.offering.oneTimePriceCents, $0.offering.monthlyPriceCents, $0.quantity) })
    }

    /// What the products need of the contacts, item by item.
    public var needs: [QuoteContactRules.ItemNeeds] {
        items.map {
            QuoteContactRules.ItemNeeds(
                onSiteIntervention: $0.offering.needsOnSiteIntervention,
                equipmentDelivery: $0.offering.needsEquipmentDelivery)
        }
    }

    /// The contact rules of seed 003 on this quote.
    public func checkContacts() throws(DomainViolation) {
        try QuoteContactRules.check(contacts: contacts.map(\.functions), items: needs)
    }
}
