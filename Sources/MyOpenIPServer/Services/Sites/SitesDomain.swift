import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// The sites of companies and their contacts directory.
    public static let sites = DomainModule(
        name: "Sites",
        migrations: [.sitesAndContacts],
        auditActions: AuditAction.sitesActions,
        services: { environment in
            let sites = SQLiteSiteRepository(store: environment.store)
            return [SiteService(sites: sites, time: environment.time), ContactService(sites: sites, time: environment.time)]
        })
}
