import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Access rights: the main rights, custom rights, and who holds them.
    public static let rights = DomainModule(
        name: "Rights",
        migrations: [.rights],
        auditActions: AuditAction.rightsActions,
        services: { environment in
            [
                RightsService(
                    rights: environment.identity.rights, companies: environment.identity.companies,
                    accounts: environment.identity.accounts, time: environment.time)
            ]
        })
}
