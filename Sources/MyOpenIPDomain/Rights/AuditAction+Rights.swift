extension AuditAction {
    public static let rightCreated = AuditAction(rawValue: "right.created")
    public static let rightUpdated = AuditAction(rawValue: "right.updated")
    public static let rightDeleted = AuditAction(rawValue: "right.deleted")
    public static let rightsAssigned = AuditAction(rawValue: "rights.assigned")

    /// The actions of access rights.
    public static let rightsActions: [AuditAction] = [rightCreated, rightUpdated, rightDeleted, rightsAssigned]
}
