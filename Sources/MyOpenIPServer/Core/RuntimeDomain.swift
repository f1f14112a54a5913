import MyOpenIPStore

extension DomainModule {
    /// What the daemon itself keeps: facts about the installation, and the answers of keyed
    /// writes, purged in the background once expired; and the store's background checkpoints.
    public static let runtime = DomainModule(
        name: "Runtime",
        migrations: [.runtime, .idempotency, .idempotencyKeysInMemory],
        backgroundServices: { environment in
            var purge = IdempotencyPurgeService(
                records: SQLiteIdempotencyRepository(store: environment.store), time: environment.time,
                logger: environment.logger)
            purge.metrics = environment.metrics
            guard let checkpointer = environment.store.checkpointer else { return [purge] }
            return [purge, CheckpointService(checkpointer: checkpointer, logger: environment.logger)]
        })
}
