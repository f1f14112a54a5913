/// A product added to a quote (« Ajouter d'autres produits »): an offering, one of the client's
/// sites, a quantity and the filled form, checked against the offering.
public struct QuoteItemDraft: Sendable, Hashable {
    public static let maximumQuantity = 999

    public let offering: OfferingDraft
    public let siteID: Int64
    public let quantity: Int
    public let form: [String: String]

    /// Checks the quantity and the form against `offering`; `field` prefixes the fields named in
    /// errors (`items[2]` when a whole quote is checked again). An upgrade offering is ordered
    /// on a contracted offer (`upgrading`), and only there.
    public init(
        offering: OfferingDraft, siteID: Int64, quantity: Int, form: [String: String], upgrading: Bool = false,
        field: String = ""
    ) throws(DomainViolation) {
        let prefix = field.isEmpty ? "" : field + "."
        guard (1...Self.maximumQuantity).contains(quantity) else {
            throw DomainViolation(
                reason: "QUOTE_QUANTITY_INVALID", message: "La quantité est de 1 à \(Self.maximumQuantity)",
                field: prefix + "quantity")
        }
        if let upgraded = offering.upgradeOf, !upgrading {
            throw DomainViolation(
                reason: "OFFERING_IS_UPGRADE",
                message: "Cette offre se commande sur une offre contractée livrée « \(upgraded) » : indiquez laquelle",
                field: prefix + "upgraded_offer_reference")
        }
        guard offering.upgradeOf != nil || !upgrading else { throw OrderingViolation.upgradeOfPlainOffering }
        try offering.checkForm(form, field: prefix + "form")
        self.offering = offering
        self.siteID = siteID
        self.quantity = quantity
        self.form = form.filter { !$0.value.isEmpty }
    }

    /// What this item's product needs of the order's contacts.
    public var needs: QuoteContactRules.ItemNeeds {
        QuoteContactRules.ItemNeeds(
            onSiteIntervention: offering.needsOnSiteIntervention, equipmentDelivery: offering.needsEquipmentDelivery)
    }
}
