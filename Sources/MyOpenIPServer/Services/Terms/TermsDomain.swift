import MyOpenIPDomain

extension DomainModule {
    /// The terms of use: versions and acceptances (tables of the identity migration).
    public static let terms = DomainModule(
        name: "Terms",
        auditActions: AuditAction.termsActions,
        services: { environment in [TermsService(environment: environment.identity)] })
}
