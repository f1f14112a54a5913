import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Accounts, password links and sessions; its migration also holds the tables of the terms
    /// of use, the mail outbox and the audit trail, which came with it.
    public static let identity = DomainModule(
        name: "Identity",
        migrations: [.identity, .loginDecoys],
        auditActions: AuditAction.identityActions,
        services: { environment in [IdentityService(environment: environment.identity)] })
}
