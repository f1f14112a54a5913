import MyOpenIPDomain

/// The sites and the contacts directory of companies, seen through a scope (outside it, a site or
/// contact does not exist). Each change is one audited transaction.
public protocol SiteRepository: Sendable {
    func sites(of company: CompanyReference, in scope: CompanyScope) async throws -> [SiteRecord]
    func site(_ id: Int64, in scope: CompanyScope) async throws -> SiteRecord?
    func createSite(
        _ site: SiteDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> SiteRecord
    /// Applies `change` to the site `id` of a company in `scope`, in one transaction; the audit
    /// event keeps only what changed, and a change to nothing writes nothing.
    func updateSite(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout SiteDraft) throws -> Void
    ) async throws -> SiteRecord
    /// Deletes a site other than the head office; its contacts keep no site.
    func deleteSite(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws

    func contacts(of company: CompanyReference, in scope: CompanyScope, page: PageRequest) async throws -> Page<ContactRecord>
    func contact(_ id: Int64, in scope: CompanyScope) async throws -> ContactRecord?
    /// Creates a contact, of `siteID` if given (a site of the same company).
    func createContact(
        _ contact: ContactDraft, siteID: Int64?, company: CompanyReference, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> ContactRecord
    /// Applies `change` to the contact `id` (and its site) of a company in `scope`, in one
    /// transaction; the audit event keeps only what changed, and a change to nothing writes nothing.
    func updateContact(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout ContactDraft, inout Int64?) throws -> Void
    ) async throws -> ContactRecord
    func deleteContact(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws
}

extension SiteRepository {
    /// Replaces every field of a site.
    public func updateSite(_ id: Int64, to site: SiteDraft, in scope: CompanyScope, context: AuditContext, at now: Timestamp)
        async throws -> SiteRecord
    {
        try await updateSite(id, in: scope, context: context, at: now) { $0 = site }
    }

    /// Replaces every field of a contact, and its site.
    public func updateContact(
        _ id: Int64, to contact: ContactDraft, siteID: Int64?, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> ContactRecord {
        try await updateContact(id, in: scope, context: context, at: now) { draft, site in
            draft = contact
            site = siteID
        }
    }
}
