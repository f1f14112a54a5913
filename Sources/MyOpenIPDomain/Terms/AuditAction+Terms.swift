extension AuditAction {
    public static let termsPublished = AuditAction(rawValue: "terms.published")
    public static let termsAccepted = AuditAction(rawValue: "terms.accepted")
    public static let termsWithdrawn = AuditAction(rawValue: "terms.withdrawn")

    /// The actions of the terms of use.
    public static let termsActions: [AuditAction] = [termsPublished, termsAccepted, termsWithdrawn]
}
