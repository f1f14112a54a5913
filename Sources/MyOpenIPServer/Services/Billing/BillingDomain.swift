import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Invoices and credit notes of the contracted offers, their runs and payments.
    public static let billing = DomainModule(
        name: "Billing",
        migrations: [.billing],
        auditActions: AuditAction.billingActions,
        services: { environment in
            [
                BillingService(
                    billing: SQLiteBillingRepository(store: environment.store),
                    settings: environment.configuration.billing, time: environment.time)
            ]
        },
        backgroundServices: { _ in [] })
}
