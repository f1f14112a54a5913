import MyOpenIPStore

extension DomainModule {
    /// What the daemon itself keeps: facts about the installation, and the answers of keyed
    /// writes, purged in the background once expired.
    public static let runtime = DomainModule(
        name: "Runtime",
        migrations: [.runtime, .idempotency],
        backgroundServices: { environment in
            [
                IdempotencyPurgeService(
                    records: SQLiteIdempotencyRepository(store: environment.store), time: environment.time,
                    logger: environment.logger)
            ]
        })
}
