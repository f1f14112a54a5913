extension DomainModule {
    /// The audit trail, read through the caller's scope (a table of the identity migration).
    public static let audit = DomainModule(
        name: "Audit",
        services: { environment in
            [AuditService(environment: environment.identity, knownActions: environment.auditActions)]
        })
}
