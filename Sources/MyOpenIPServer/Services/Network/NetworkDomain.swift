import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Technical services: the links and trunks of data and voice offers, their live state,
    /// their traffic and its graphs.
    public static let network = DomainModule(
        name: "Network",
        migrations: [.network],
        auditActions: AuditAction.networkActions,
        services: { environment in
            let network = SQLiteNetworkRepository(store: environment.store)
            return [
                NetworkService(
                    network: network, feed: environment.store.linkStates, servingState: environment.servingState,
                    time: environment.time, sessions: SessionAuthenticator(environment: environment.identity),
                    authentication: environment.store.authenticationChanges),
                CollectorService(network: network, time: environment.time),
            ]
        },
        backgroundServices: { environment in
            var rollUp = TrafficRollUpService(
                network: SQLiteNetworkRepository(store: environment.store), time: environment.time,
                logger: environment.logger)
            rollUp.metrics = environment.metrics
            return [rollUp]
        })
}
