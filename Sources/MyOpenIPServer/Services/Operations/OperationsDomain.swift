import MyOpenIPStore

extension DomainModule {
    /// Operating the daemon itself: online backups.
    public static let operations = DomainModule(
        name: "Operations",
        services: { environment in
            [OperationsService(store: environment.store, folder: environment.configuration.dataDirectory)]
        })
}
