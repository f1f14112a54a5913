extension AuditAction {
    public static let mailSent = AuditAction(rawValue: "mail.sent")

    /// The actions of the mail outbox.
    public static let mailActions: [AuditAction] = [mailSent]
}
