extension AuditAction {
    public static let siteCreated = AuditAction(rawValue: "site.created")
    public static let siteUpdated = AuditAction(rawValue: "site.updated")
    public static let siteDeleted = AuditAction(rawValue: "site.deleted")
    public static let contactCreated = AuditAction(rawValue: "contact.created")
    public static let contactUpdated = AuditAction(rawValue: "contact.updated")
    public static let contactDeleted = AuditAction(rawValue: "contact.deleted")

    /// The actions of sites and contacts.
    public static let sitesActions: [AuditAction] = [
        siteCreated, siteUpdated, siteDeleted, contactCreated, contactUpdated, contactDeleted,
    ]
}
