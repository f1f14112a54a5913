import MyOpenIPDomain
import Testing

/// Seed 003 (« Affecter des contacts à une commande »): the rules and their sentences, word for word.
@Suite("Order contacts: the guide's rules and messages")
struct QuoteContactRulesTests {
    static let noFunction =
        "Un des contacts n'a pas de fonction assignée. Veuillez cocher la case correspondante ou retirer le contact du devis"
    static let interventionMissing =
        "Vous devez sélectionner au moins un contact sur site pour l'intervention du fournisseur"
    static let deliveryMissing = "Vous devez renseigner au moins un contact pour la réception de votre colis"
    static let followUpMissing = "Vous devez renseigner au moins un contact pour le suivi de votre commande"
    static let followUpTooMany =
        "Le nombre maximum de contact est atteint, veuillez créer une liste de diffusion si vous souhaitez ajouter plus de 3 contacts pour le suivi de votre commande"
    static let incomplete =
        "Il manque des informations à ce contact. Veuillez le compléter dans le module Entreprises en cliquant ici si vous souhaitez l'ajouter au devis."

    static let fibre = QuoteContactRules.ItemNeeds(onSiteIntervention: true, equipmentDelivery: true)
    static let cloud = QuoteContactRules.ItemNeeds(onSiteIntervention: false, equipmentDelivery: false)

    func check(_ contacts: [Set<ContactFunction>], _ items: [QuoteContactRules.ItemNeeds]) -> DomainViolation? {
        do {
            try QuoteContactRules.check(contacts: contacts, items: items)
            return nil
        } catch {
            return error
        }
    }

    @Test("a contact without a function is refused first, naming it")
    func noFunction() {
        let violation = check([[.orderFollowUp], []], [Self.cloud])
        #expect(violation?.message == Self.noFunction)
        #expect(violation?.field == "contacts[1].functions")
        #expect(violation?.reason == "ORDER_CONTACT_FUNCTION_MISSING")
    }

    @Test("a product that needs an on-site intervention needs its contact, naming the product")
    func interventionMissing() {
        let violation = check([[.orderFollowUp, .equipmentDelivery]], [Self.cloud, Self.fibre])
        #expect(violation?.message == Self.interventionMissing)
        #expect(violation?.field == "items[1]")
    }

    @Test("a product that ships equipment needs a delivery contact")
    func deliveryMissing() {
        let violation = check([[.orderFollowUp, .onSiteIntervention]], [Self.fibre])
        #expect(violation?.message == Self.deliveryMissing)
        #expect(violation?.field == "items[0]")
    }

    @Test("every order needs a follow-up contact")
    func followUpMissing() {
        let violation = check([[.onSiteIntervention]], [Self.cloud])
        #expect(violation?.message == Self.followUpMissing)
        #expect(violation?.field == "contacts")
    }

    @Test("more than three follow-up contacts are refused, naming the fourth")
    func followUpTooMany() {
        let violation = check(Array(repeating: [.orderFollowUp], count: 4), [Self.cloud])
        #expect(violation?.message == Self.followUpTooMany)
        #expect(violation?.field == "contacts[3].functions")
        #expect(check(Array(repeating: [.orderFollowUp], count: 3), [Self.cloud]) == nil)
    }

    @Test("one intervention contact and one delivery contact, never two")
    func uniqueContacts() {
        let two = check([[.orderFollowUp, .onSiteIntervention, .equipmentDelivery], [.onSiteIntervention]], [Self.fibre])
        #expect(two?.reason == "ORDER_CONTACT_INTERVENTION_TOO_MANY")
        #expect(two?.field == "contacts[1].functions")
        let deliveries = check([[.orderFollowUp, .onSiteIntervention, .equipmentDelivery], [.equipmentDelivery]], [Self.fibre])
        #expect(deliveries?.reason == "ORDER_CONTACT_DELIVERY_TOO_MANY")
        #expect(check([[.orderFollowUp, .onSiteIntervention, .equipmentDelivery]], [Self.fibre, Self.cloud]) == nil)
    }

    @Test("the guide's two-contact example (Smith on site, Listen for the follow-up) passes for a product without delivery")
    func guideExample() {
        let needs = QuoteContactRules.ItemNeeds(onSiteIntervention: true, equipmentDelivery: false)
        #expect(check([[.onSiteIntervention], [.orderFollowUp]], [needs]) == nil)
    }

    @Test("a directory contact without phone, email or role cannot be added; an ad hoc one needs them too")
    func incompleteContacts() throws {
        let noPhone = ContactDraft(lastName: "Olivier", email: try EmailAddress("olivier@example.fr"), role: "DSI")
        #expect(throws: QuoteContactRules.incompleteDirectoryContact) { try QuoteContactPerson(directory: noPhone) }
        #expect(QuoteContactRules.incompleteDirectoryContact.message == Self.incomplete)
        let complete = ContactDraft(
            lastName: "Smith", email: try EmailAddress("smith@example.fr"), phone: try PhoneNumber("0601020304"), role: "DSI")
        #expect(try QuoteContactPerson(directory: complete).lastName == "Smith")
        #expect(throws: DomainViolation.self) {
            try QuoteContactPerson.adHoc(lastName: "Listen", firstName: "", email: "listen@example.fr", phone: "", role: "Achats")
        }
        let adHoc = try QuoteContactPerson.adHoc(
            lastName: "Listen", firstName: "", email: "listen@example.fr", phone: "06 01 02 03 04", role: "Achats")
        #expect(adHoc.displayName == "Listen")
    }
}
