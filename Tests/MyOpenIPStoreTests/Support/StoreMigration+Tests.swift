import MyOpenIPStore

extension Array where Element == StoreMigration {
    /// The migrations of every domain whose repositories these tests exercise (the daemon's own
    /// list, `Daemon.domains`, lives in the server target).
    static let everyDomain: [StoreMigration] = [
        .runtime, .identity, .companies, .rights, .sitesAndContacts, .companySearch, .idempotency, .termsWithdrawal, .loginDecoys,
        .mailDelivery, .catalogue, .salesConditions, .ordering, .orderLifecycle, .billing, .network,
        .idempotencyKeysInMemory,
    ]
}
