extension AuditAction {
    public static let termsPublished = AuditAction(rawValue: "terms.published")
    public static let termsAccepted = AuditAction(rawValue: "terms.accepted")

    /// The actions of the terms of use.
    public static let termsActions: [AuditAction] = [termsPublished, termsAccepted]
}
