import MyOpenIPDomain

extension DomainModule {
    /// The terms of use: versions and acceptances (tables of the identity migration), and their
    /// withdrawal.
    public static let terms = DomainModule(
        name: "Terms",
        migrations: [.termsWithdrawal],
        auditActions: AuditAction.termsActions,
        services: { environment in [TermsService(environment: environment.identity)] })
}
