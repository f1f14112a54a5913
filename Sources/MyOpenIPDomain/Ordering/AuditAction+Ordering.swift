extension AuditAction {
    public static let quoteCreated = AuditAction(rawValue: "quote.created")
    public static let quoteChanged = AuditAction(rawValue: "quote.changed")
    public static let quoteSubmitted = AuditAction(rawValue: "quote.submitted")
    public static let quoteRefused = AuditAction(rawValue: "quote.refused")
    public static let orderPlaced = AuditAction(rawValue: "order.placed")
    public static let orderPilotAssigned = AuditAction(rawValue: "order.pilot_assigned")
    public static let orderAdvanced = AuditAction(rawValue: "order.advanced")
    public static let orderPointOfNoReturn = AuditAction(rawValue: "order.point_of_no_return")
    public static let orderCancelled = AuditAction(rawValue: "order.cancelled")
    public static let offerAdvanced = AuditAction(rawValue: "contracted_offer.advanced")
    public static let offerTerminationRequested = AuditAction(rawValue: "contracted_offer.termination_requested")
    public static let offerTerminated = AuditAction(rawValue: "contracted_offer.terminated")

    /// The actions of quotes, orders and contracted offers.
    public static let orderingActions: [AuditAction] = [
        quoteCreated, quoteChanged, quoteSubmitted, quoteRefused, orderPlaced, orderPilotAssigned, orderAdvanced,
        orderPointOfNoReturn, orderCancelled, offerAdvanced, offerTerminationRequested, offerTerminated,
    ]
}
