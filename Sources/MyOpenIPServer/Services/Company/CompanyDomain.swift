import MyOpenIPDomain
import MyOpenIPStore

extension DomainModule {
    /// Company records and their search index.
    public static let company = DomainModule(
        name: "Company",
        migrations: [.companies, .companySearch],
        auditActions: AuditAction.companyActions,
        services: { environment in
            [CompanyService(companies: environment.identity.companies, time: environment.time)]
        })
}
