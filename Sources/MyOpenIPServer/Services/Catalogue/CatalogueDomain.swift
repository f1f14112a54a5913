import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// The e-shop's catalogue of offerings.
    public static let catalogue = DomainModule(
        name: "Catalogue",
        migrations: [.catalogue],
        auditActions: AuditAction.catalogueActions,
        services: { environment in
            [CatalogueService(catalogue: SQLiteCatalogueRepository(store: environment.store), time: environment.time)]
        })
}
