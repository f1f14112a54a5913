extension AuditAction {
    /// The mail server accepted the mail, or operator staff marked it sent by hand.
    public static let mailSent = AuditAction(rawValue: "mail.sent")
    /// The mail will not be sent: refused by the mail server, or given up.
    public static let mailFailed = AuditAction(rawValue: "mail.failed")
    /// Operator staff asked for a new attempt.
    public static let mailRetried = AuditAction(rawValue: "mail.retried")
    /// Operator staff cancelled a mail that waited.
    public static let mailCancelled = AuditAction(rawValue: "mail.cancelled")

    /// The actions of the mail outbox.
    public static let mailActions: [AuditAction] = [mailSent, mailFailed, mailRetried, mailCancelled]
}
