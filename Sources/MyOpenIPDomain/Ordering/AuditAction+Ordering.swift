extension AuditAction {
    public static let quoteCreated = AuditAction(rawValue: "quote.created")
    public static let quoteChanged = AuditAction(rawValue: "quote.changed")
    public static let quoteSubmitted = AuditAction(rawValue: "quote.submitted")
    public static let quoteRefused = AuditAction(rawValue: "quote.refused")
    public static let orderPlaced = AuditAction(rawValue: "order.placed")

    /// The actions of quotes and orders.
    public static let orderingActions: [AuditAction] = [
        quoteCreated, quoteChanged, quoteSubmitted, quoteRefused, orderPlaced,
    ]
}
