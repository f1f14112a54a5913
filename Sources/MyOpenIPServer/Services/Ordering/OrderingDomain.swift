import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Quotes, orders and the contracted offers they create.
    public static let ordering = DomainModule(
        name: "Ordering",
        migrations: [.ordering],
        auditActions: AuditAction.orderingActions,
        services: { environment in
            let ordering = SQLiteOrderingRepository(store: environment.store)
            return [
                QuoteService(
                    ordering: ordering, identity: environment.identity, settings: environment.configuration.ordering,
                    time: environment.time),
                OrderService(ordering: ordering),
            ]
        })
}
