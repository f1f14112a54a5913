extension AuditAction {
    public static let companyCreated = AuditAction(rawValue: "company.created")
    public static let companyUpdated = AuditAction(rawValue: "company.updated")

    /// The actions of company records.
    public static let companyActions: [AuditAction] = [companyCreated, companyUpdated]
}
