/// What quotes and orders refuse, in the portal's words.
public enum OrderingViolation {
    public static let unknownQuote = DomainViolation(
        reason: "QUOTE_NOT_FOUND", message: "Ce devis n'existe pas", field: "quote_id", kind: .notFound)

    public static let unknownOrder = DomainViolation(
        reason: "ORDER_NOT_FOUND", message: "Cette commande n'existe pas", field: "reference", kind: .notFound)

    public static let unknownContractedOffer = DomainViolation(
        reason: "CONTRACTED_OFFER_NOT_FOUND", message: "Cette offre contractée n'existe pas", field: "reference",
        kind: .notFound)

    public static let unknownSite = DomainViolation(
        reason: "SITE_NOT_FOUND", message: "Ce site n'est pas un site de la société du devis", field: "site_id",
        kind: .notFound)

    public static let unknownItem = DomainViolation(
        reason: "QUOTE_ITEM_NOT_FOUND", message: "Ce produit n'est pas sur le devis", field: "item_number", kind: .notFound)

    public static let unknownQuoteContact = DomainViolation(
        reason: "QUOTE_CONTACT_NOT_FOUND", message: "Ce contact n'est pas sur le devis", field: "contact_id",
        kind: .notFound)

    public static let unknownDirectoryContact = DomainViolation(
        reason: "CONTACT_NOT_FOUND", message: "Ce contact n'existe pas dans l'annuaire", field: "contact_id",
        kind: .notFound)

    public static let contactAlreadyOnQuote = DomainViolation(
        reason: "QUOTE_CONTACT_ALREADY_ADDED", message: "Ce contact est déjà sur le devis", field: "contact_id",
        kind: .alreadyExists)

    public static let tooManyItems = DomainViolation(
        reason: "QUOTE_ITEMS_TOO_MANY", message: "Un devis a 50 produits au plus", field: "items",
        kind: .refusedInThisState)

    public static let tooManyContacts = DomainViolation(
        reason: "QUOTE_CONTACTS_TOO_MANY", message: "Un devis a 20 contacts au plus", field: "contacts",
        kind: .refusedInThisState)

    public static let noItem = DomainViolation(
        reason: "QUOTE_EMPTY", message: "Le devis ne contient aucun produit", field: "items", kind: .refusedInThisState)

    public static let notAClient = DomainViolation(
        reason: "QUOTE_COMPANY_NOT_CLIENT", message: "Un devis s'établit pour une société cliente",
        field: "company_reference", kind: .refusedInThisState)

    /// The quote can no longer change: it was submitted, ordered or refused.
    public static func notEditable(_ state: QuoteState) -> DomainViolation {
        DomainViolation(
            reason: "QUOTE_NOT_EDITABLE", message: "Ce devis ne peut plus être modifié (\(state.label))", field: "quote_id",
            kind: .refusedInThisState)
    }

    public static let expired = DomainViolation(
        reason: "QUOTE_EXPIRED", message: "Ce devis a expiré : veuillez en établir un nouveau", field: "quote_id",
        kind: .refusedInThisState)

    /// A quote is ordered once: the order it became.
    public static func alreadyOrdered(_ order: String) -> DomainViolation {
        DomainViolation(
            reason: "QUOTE_ALREADY_ORDERED", message: "Ce devis a déjà été commandé : commande \(order)", field: "quote_id",
            kind: .refusedInThisState)
    }

    public static let refused = DomainViolation(
        reason: "QUOTE_REFUSED", message: "Ce devis a été refusé par le client", field: "quote_id",
        kind: .refusedInThisState)

    /// A quote built for the client waits for the client's validation, through the mailed link.
    public static let awaitsClientValidation = DomainViolation(
        reason: "QUOTE_AWAITS_CLIENT_VALIDATION",
        message: "Ce devis doit être validé par le client, à l'aide du lien reçu par mail", field: "quote_id",
        kind: .refusedInThisState)

    /// Only a user of the client company validates its order.
    public static let clientOnly = DomainViolation(
        reason: "ORDER_CLIENT_ONLY", message: "Seul un utilisateur de la société cliente peut valider sa commande",
        field: "quote_id", kind: .notAllowed)

    /// A client's own quote is ordered directly; only one built for it is submitted.
    public static let notEnteredForClient = DomainViolation(
        reason: "QUOTE_NOT_ENTERED_FOR_CLIENT",
        message: "Ce devis a été établi par le client lui-même : il se commande directement", field: "quote_id",
        kind: .refusedInThisState)

    public static let notPending = DomainViolation(
        reason: "QUOTE_NOT_PENDING", message: "Ce devis n'attend pas de validation", field: "quote_id",
        kind: .refusedInThisState)

    public static let validationLinkInvalid = DomainViolation(
        reason: "VALIDATION_LINK_INVALID", message: "Ce lien de validation n'est pas valide", field: "validation_token",
        kind: .refusedInThisState)

    public static let validationLinkUsed = DomainViolation(
        reason: "VALIDATION_LINK_USED", message: "Ce lien de validation a déjà été utilisé", field: "validation_token",
        kind: .refusedInThisState)

    public static let validationLinkExpired = DomainViolation(
        reason: "VALIDATION_LINK_EXPIRED", message: "Ce lien de validation a expiré", field: "validation_token",
        kind: .refusedInThisState)

    /// Nobody of the client company could receive the validation request.
    public static let nobodyToValidate = DomainViolation(
        reason: "ORDER_NO_VALIDATOR",
        message: "Aucun utilisateur actif de la société cliente n'a le droit de passer des commandes", field: "quote_id",
        kind: .refusedInThisState)

    public static let salesConditionsNoneInForce = DomainViolation(
        reason: "CGV_NOT_FOUND", message: "Aucune version des conditions générales de vente n'est en vigueur",
        field: "cgv_version", kind: .refusedInThisState)

    /// The CGV accepted must be the version in force.
    public static let salesConditionsNotInForce = DomainViolation(
        reason: "CGV_NOT_IN_FORCE",
        message: "Merci de valider votre commande en acceptant les CGV en vigueur", field: "cgv_version",
        kind: .refusedInThisState)

    /// A site of an item was deleted since it was added.
    public static func siteGone(item: Int) -> DomainViolation {
        DomainViolation(
            reason: "QUOTE_SITE_DELETED", message: "Le site d'un produit du devis n'existe plus", field: "items[\(item)].site_id",
            kind: .refusedInThisState)
    }
}
