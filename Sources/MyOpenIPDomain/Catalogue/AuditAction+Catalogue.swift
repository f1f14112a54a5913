extension AuditAction {
    public static let offeringCreated = AuditAction(rawValue: "offering.created")
    public static let offeringUpdated = AuditAction(rawValue: "offering.updated")
    public static let offeringRetired = AuditAction(rawValue: "offering.retired")

    /// The actions of the catalogue.
    public static let catalogueActions: [AuditAction] = [offeringCreated, offeringUpdated, offeringRetired]
}
