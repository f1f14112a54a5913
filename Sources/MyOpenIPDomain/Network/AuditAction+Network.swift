extension AuditAction {
    public static let technicalServiceUpdated = AuditAction(rawValue: "technical_service.updated")

    /// The actions of technical services: their parameters. The network's own reports (states,
    /// traffic) are measurements, kept in their own history, not audit events.
    public static let networkActions: [AuditAction] = [technicalServiceUpdated]
}
