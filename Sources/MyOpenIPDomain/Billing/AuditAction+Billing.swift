extension AuditAction {
    public static let invoiceIssued = AuditAction(rawValue: "invoice.issued")
    public static let invoiceSent = AuditAction(rawValue: "invoice.sent")
    public static let creditNoteIssued = AuditAction(rawValue: "credit_note.issued")
    public static let paymentRecorded = AuditAction(rawValue: "payment.recorded")
    public static let callRecordsImported = AuditAction(rawValue: "call_records.imported")

    /// The actions of invoices, credit notes and payments.
    public static let billingActions: [AuditAction] = [
        invoiceIssued, invoiceSent, creditNoteIssued, paymentRecorded, callRecordsImported,
    ]
}
