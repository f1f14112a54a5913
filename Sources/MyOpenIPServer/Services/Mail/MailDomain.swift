import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// The mail outbox (a table of the identity migration), and its delivery over SMTP.
    public static let mail = DomainModule(
        name: "Mail",
        migrations: [.mailDelivery],
        auditActions: AuditAction.mailActions,
        services: { environment in
            [MailService(environment: environment.identity, delivery: SQLiteMailDeliveryRepository(store: environment.store))]
        },
        backgroundServices: { environment in
            let settings = environment.configuration.mail
            guard settings.delivery else { return [] }
            return [
                MailDeliveryService(
                    settings: settings, outbox: SQLiteMailDeliveryRepository(store: environment.store),
                    time: environment.time, logger: environment.logger)
            ]
        })
}
