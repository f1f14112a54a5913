import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Quotes, orders, the contracted offers they create, their delivery and termination.
    public static let ordering = DomainModule(
        name: "Ordering",
        migrations: [.ordering, .orderLifecycle],
        auditActions: AuditAction.orderingActions,
        services: { environment in
            let ordering = SQLiteOrderingRepository(
                store: environment.store, messageIDDomain: environment.identity.settings.messageIDDomain)
            return [
                QuoteService(
                    ordering: ordering, identity: environment.identity, settings: environment.configuration.ordering,
                    time: environment.time),
                OrderService(
                    ordering: ordering, changes: environment.store.orderChanges, servingState: environment.servingState,
                    time: environment.time, sessions: SessionAuthenticator(environment: environment.identity),
                    authentication: environment.store.authenticationChanges),
                DeliveryService(ordering: ordering, time: environment.time),
            ]
        },
        backgroundServices: { environment in
            [
                TerminationScheduler(
                    ordering: SQLiteOrderingRepository(
                        store: environment.store, messageIDDomain: environment.identity.settings.messageIDDomain),
                    time: environment.time, logger: environment.logger)
            ]
        })
}
