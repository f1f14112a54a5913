import MyOpenIPDomain

extension DomainModule {
    /// The mail outbox (a table of the identity migration).
    public static let mail = DomainModule(
        name: "Mail",
        auditActions: AuditAction.mailActions,
        services: { environment in [MailService(environment: environment.identity)] })
}
