/// The rules of the contacts of an order (seed 003, « Affecter des contacts à une commande »),
/// with the guide's sentences word for word:
///
/// - every contact has at least one function;
/// - when an ordered product needs an on-site intervention, exactly one contact for it;
/// - when an ordered product ships equipment, exactly one contact to receive it;
/// - one to three contacts for the follow-up of the order.
///
/// Each refusal names the contact (`contacts[i]`, its place on the quote) or the item
/// (`items[i]`) at fault in its field.
public enum QuoteContactRules {
    public static let maximumFollowUpContacts = 3

    public static let incompleteDirectoryContact = DomainViolation(
        reason: "ORDER_CONTACT_INCOMPLETE",
        message:
            "Il manque des informations à ce contact. Veuillez le compléter dans le module Entreprises en cliquant ici si vous souhaitez l'ajouter au devis.",
        field: "contact_id", kind: .refusedInThisState)

    static func noFunction(_ index: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_FUNCTION_MISSING",
            message:
                "Un des contacts n'a pas de fonction assignée. Veuillez cocher la case correspondante ou retirer le contact du devis",
            field: "contacts[\(index)].functions", kind: .refusedInThisState)
    }

    static func interventionMissing(item: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_INTERVENTION_MISSING",
            message: "Vous devez sélectionner au moins un contact sur site pour l'intervention du fournisseur",
            field: "items[\(item)]", kind: .refusedInThisState)
    }

    static func interventionTwice(_ index: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_INTERVENTION_TOO_MANY",
            message: "Vous ne pouvez sélectionner qu'un seul contact sur site pour l'intervention du fournisseur",
            field: "contacts[\(index)].functions", kind: .refusedInThisState)
    }

    static func deliveryMissing(item: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_DELIVERY_MISSING",
            message: "Vous devez renseigner au moins un contact pour la réception de votre colis",
            field: "items[\(item)]", kind: .refusedInThisState)
    }

    static func deliveryTwice(_ index: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_DELIVERY_TOO_MANY",
            message: "Vous ne pouvez renseigner qu'un seul contact pour la réception de votre colis",
            field: "contacts[\(index)].functions", kind: .refusedInThisState)
    }

    static let followUpMissing = DomainViolation(
        reason: "ORDER_CONTACT_FOLLOWUP_MISSING",
        message: "Vous devez renseigner au moins un contact pour le suivi de votre commande", field: "contacts",
        kind: .refusedInThisState)

    static func followUpTooMany(_ index: Int) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_CONTACT_FOLLOWUP_TOO_MANY",
            message:
                "Le nombre maximum de contact est atteint, veuillez créer une liste de diffusion si vous souhaitez ajouter plus de 3 contacts pour le suivi de votre commande",
            field: "contacts[\(index)].functions", kind: .refusedInThisState)
    }

    /// What the products of a quote need, item by item.
    public struct ItemNeeds: Sendable, Hashable {
        public var onSiteIntervention: Bool
        public var equipmentDelivery: Bool

        public init(onSiteIntervention: Bool, equipmentDelivery: Bool) {
            self.onSiteIntervention = onSiteIntervention
            self.equipmentDelivery = equipmentDelivery
        }
    }

    /// Every rule, before a quote is submitted or ordered, in the guide's order: a contact
    /// without a function, the missing intervention, delivery and follow-up contacts, then the
    /// limits (``checkLimits(_:)``).
    public static func check(contacts: [Set<ContactFunction>], items: [ItemNeeds]) throws(DomainViolation) {
        if let index = contacts.firstIndex(where: \.isEmpty) { throw noFunction(index) }
        let holding = { (function: ContactFunction) in contacts.contains { $0.contains(function) } }
        if let item = items.firstIndex(where: \.onSiteIntervention), !holding(.onSiteIntervention) {
            throw interventionMissing(item: item)
        }
        if let item = items.firstIndex(where: \.equipmentDelivery), !holding(.equipmentDelivery) {
            throw deliveryMissing(item: item)
        }
        guard holding(.orderFollowUp) else { throw followUpMissing }
        try checkLimits(contacts)
    }

    /// The limits a change of the contacts may break at once (ticking a box): one intervention
    /// contact, one delivery contact, three follow-up contacts.
    public static func checkLimits(_ contacts: [Set<ContactFunction>]) throws(DomainViolation) {
        var interventions = 0
        var deliveries = 0
        var followUps = 0
        for (index, functions) in contacts.enumerated() {
            if functions.contains(.onSiteIntervention) {
                interventions += 1
                if interventions > 1 { throw interventionTwice(index) }
            }
            if functions.contains(.equipmentDelivery) {
                deliveries += 1
                if deliveries > 1 { throw deliveryTwice(index) }
            }
            if functions.contains(.orderFollowUp) {
                followUps += 1
                if followUps > maximumFollowUpContacts { throw followUpTooMany(index) }
            }
        }
    }
}
