import MyOpenIPDomain

extension DomainModule {
    /// The terms of use and the sales conditions: versions and acceptances (tables of the identity
    /// migration), their withdrawal, and the document each version belongs to.
    public static let terms = DomainModule(
        name: "Terms",
        migrations: [.termsWithdrawal, .salesConditions],
        auditActions: AuditAction.termsActions,
        services: { environment in [TermsService(environment: environment.identity)] })
}
