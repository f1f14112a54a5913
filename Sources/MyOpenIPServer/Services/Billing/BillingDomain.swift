import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Invoices and credit notes of the contracted offers, their runs, their PDFs and payments.
    public static let billing = DomainModule(
        name: "Billing",
        migrations: [.billing],
        auditActions: AuditAction.billingActions,
        services: { environment in
            let billing = SQLiteBillingRepository(store: environment.store)
            return [
                BillingService(
                    billing: billing, settings: environment.configuration.billing, time: environment.time,
                    renderer: DocumentRenderer(billing: billing, fontFolder: environment.configuration.billingFonts))
            ]
        },
        backgroundServices: { environment in
            let billing = SQLiteBillingRepository(store: environment.store)
            var documents = InvoiceDocumentService(
                billing: billing,
                renderer: DocumentRenderer(billing: billing, fontFolder: environment.configuration.billingFonts),
                logger: environment.logger)
            documents.metrics = environment.metrics
            return [documents]
        })
}
