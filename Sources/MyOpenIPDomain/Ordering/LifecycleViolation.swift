/// What the life of orders and contracted offers refuses: illegal transitions, late
/// cancellations, upgrades and terminations that do not apply, in the portal's words.
extension OrderingViolation {
    public static func illegalOrderTransition(from state: OrderState, to target: OrderState) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_TRANSITION_INVALID",
            message:
                "La commande est à l'état « \(state.label) » (\(state.tmfName)) : elle ne peut pas passer à l'état \(target.tmfName)",
            field: "state", kind: .refusedInThisState)
    }

    public static func illegalOfferTransition(from state: ContractedOfferState, to target: ContractedOfferState)
        -> DomainViolation
    {
        DomainViolation(
            reason: "CONTRACTED_OFFER_TRANSITION_INVALID",
            message:
                "L'offre contractée est à l'état « \(state.label) » (\(state.tmfName)) : elle ne peut pas passer à l'état \(target.tmfName)",
            field: "state", kind: .refusedInThisState)
    }

    /// A product is delivered only while its order is in progress.
    public static func notInDelivery(_ state: OrderState) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_NOT_IN_PROGRESS",
            message: "La commande est à l'état « \(state.label) » (\(state.tmfName)) : sa livraison n'est pas en cours",
            field: "reference", kind: .refusedInThisState)
    }

    public static let pastPointOfNoReturn = DomainViolation(
        reason: "ORDER_PAST_POINT_OF_NO_RETURN",
        message:
            "La livraison de cette commande est engagée : elle ne peut plus être annulée. Contactez votre interlocuteur OpenIP.",
        field: "reference", kind: .refusedInThisState)

    public static func notCancellable(_ state: OrderState) -> DomainViolation {
        DomainViolation(
            reason: "ORDER_NOT_CANCELLABLE",
            message: "La commande est à l'état « \(state.label) » (\(state.tmfName)) : elle ne peut plus être annulée",
            field: "reference", kind: .refusedInThisState)
    }

    public static let alreadyPastPointOfNoReturn = DomainViolation(
        reason: "ORDER_POINT_OF_NO_RETURN_ALREADY_MARKED",
        message: "Le point de non-retour de cette commande est déjà marqué", field: "reference",
        kind: .refusedInThisState)

    /// The offer named is not a product of the order.
    public static let offerNotInOrder = DomainViolation(
        reason: "CONTRACTED_OFFER_NOT_IN_ORDER", message: "Cette offre contractée n'appartient pas à la commande",
        field: "offer_references", kind: .notFound)

    public static let unknownPilot = DomainViolation(
        reason: "PILOT_NOT_FOUND", message: "Le pilote doit être un membre actif du personnel OpenIP", field: "pilot_login",
        kind: .notFound)

    public static let deliveryDateInFuture = DomainViolation(
        reason: "DELIVERY_DATE_IN_FUTURE", message: "La date de livraison ne peut pas être dans le futur",
        field: "delivered_on")

    public static let deliveryDateBeforeOrder = DomainViolation(
        reason: "DELIVERY_DATE_BEFORE_ORDER", message: "La date de livraison ne peut pas précéder la commande",
        field: "delivered_on")

    // MARK: Upgrades

    public static let upgradeNeedsOffer = DomainViolation(
        reason: "UPGRADE_OFFER_REQUIRED",
        message: "Cette offre se commande sur une offre contractée livrée : indiquez laquelle",
        field: "upgraded_offer_reference")

    public static let upgradeOfPlainOffering = DomainViolation(
        reason: "OFFERING_NOT_UPGRADE", message: "Cette offre ne se commande pas sur une offre contractée",
        field: "upgraded_offer_reference")

    /// The offer an upgrade is ordered on must be an active offer of the offering it upgrades.
    public static func upgradeTargetInvalid(expected: String) -> DomainViolation {
        DomainViolation(
            reason: "UPGRADE_TARGET_INVALID",
            message: "Cette offre se commande sur une offre contractée livrée et active « \(expected) »",
            field: "upgraded_offer_reference", kind: .refusedInThisState)
    }

    // MARK: Termination

    public static let desiredDateInThePast = DomainViolation(
        reason: "TERMINATION_DATE_IN_PAST",
        message: "La date de résiliation souhaitée ne peut pas précéder la date de la demande", field: "desired_date")

    /// A termination is asked for the next ten years at most.
    public static let desiredDateTooFar = DomainViolation(
        reason: "TERMINATION_DATE_TOO_FAR", message: "La date de résiliation souhaitée est dans les dix ans à venir au plus",
        field: "desired_date")

    public static let desiredDateInvalid = DomainViolation(
        reason: "TERMINATION_DATE_INVALID", message: "La date de résiliation souhaitée est au format AAAA-MM-JJ",
        field: "desired_date")

    public static let terminationUnderway = DomainViolation(
        reason: "TERMINATION_ALREADY_REQUESTED", message: "La résiliation de cette offre est déjà demandée",
        field: "reference", kind: .refusedInThisState)

    public static func notTerminable(_ state: ContractedOfferState) -> DomainViolation {
        DomainViolation(
            reason: "CONTRACTED_OFFER_NOT_TERMINABLE",
            message: "L'offre contractée est à l'état « \(state.label) » : seule une offre livrée peut être résiliée",
            field: "reference", kind: .refusedInThisState)
    }

    /// An add-on is terminated with the offer it upgrades.
    public static func terminatedWithBase(_ base: String) -> DomainViolation {
        DomainViolation(
            reason: "CONTRACTED_OFFER_IS_UPGRADE",
            message: "Cette option se résilie avec l'offre contractée \(base)", field: "reference",
            kind: .refusedInThisState)
    }

    /// The confirmation must carry the figures of a dry run that still holds.
    public static let termsChanged = DomainViolation(
        reason: "TERMINATION_TERMS_CHANGED",
        message: "Les conditions de résiliation ont changé depuis la simulation : veuillez la refaire",
        field: "terms_digest", kind: .refusedInThisState)

    public static let termsDigestMissing = DomainViolation(
        reason: "TERMINATION_TERMS_REQUIRED",
        message: "La confirmation reprend l'empreinte des conditions affichées par la simulation", field: "terms_digest")

    /// Termination takes effect on its day: not before.
    public static func notYetEffective(_ date: CivilDate) -> DomainViolation {
        DomainViolation(
            reason: "TERMINATION_NOT_YET_EFFECTIVE", message: "La résiliation prend effet le \(date.french)",
            field: "state", kind: .refusedInThisState)
    }
}

extension OrderingViolation {
    /// An option ordered on the offer is being delivered: it must be delivered or cancelled first.
    public static let upgradeInDelivery = DomainViolation(
        reason: "CONTRACTED_OFFER_UPGRADE_IN_DELIVERY",
        message: "Une commande de modification de cette offre est en cours de livraison", field: "reference",
        kind: .refusedInThisState)
}
