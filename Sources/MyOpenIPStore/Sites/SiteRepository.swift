import MyOpenIPDomain

/// The sites and the contacts directory of companies, seen through a scope (outside it, a site or
/// contact does not exist). Each change is one audited transaction.
public protocol SiteRepository: Sendable {
    func sites(of company: CompanyReference, in scope: CompanyScope) async throws -> [SiteRecord]
    func site(_ id: Int64, in scope: CompanyScope) async throws -> SiteRecord?
    func createSite(
        _ site: SiteDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> SiteRecord
    func updateSite(_ id: Int64, to site: SiteDraft, in scope: CompanyScope, context: AuditContext, at now: Timestamp)
        async throws -> SiteRecord
    /// Deletes a site other than the head office; its contacts keep no site.
    func deleteSite(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws

    func contacts(of company: CompanyReference, in scope: CompanyScope, page: PageRequest) async throws -> Page<ContactRecord>
    func contact(_ id: Int64, in scope: CompanyScope) async throws -> ContactRecord?
    /// Creates a contact, of `siteID` if given (a site of the same company).
    func createContact(
        _ contact: ContactDraft, siteID: Int64?, company: CompanyReference, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> ContactRecord
    func updateContact(
        _ id: Int64, to contact: ContactDraft, siteID: Int64?, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> ContactRecord
    func deleteContact(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws
}
