import MyOpenIPDomain

/// Access rights and who holds them. A company outside the caller's scope does not exist
/// (CompanyViolation.unknownCompany), nor do its rights (RightsViolation.unknownRight). Each
/// method is one transaction, audited.
public protocol RightsRepository: Sendable {
    /// Creates a custom right of `company`, which must be in `scope`.
    func create(
        _ draft: RightDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> RightRecord
    /// The two main rights.
    func mainRights() async throws -> [RightRecord]
    /// The two main rights, then the custom rights of `company` by name; `company` must be in `scope`.
    func rights(of company: CompanyReference, in scope: CompanyScope) async throws -> [RightRecord]
    /// The rights an account holds.
    func rights(ofAccount accountID: Int64) async throws -> [RightRecord]
    /// Replaces the rights of an account by `rightIDs`: main rights, or custom rights of the
    /// account's own company. Returns the rights it now holds.
    func setRights(_ rightIDs: Set<Int64>, ofAccount accountID: Int64, context: AuditContext, at now: Timestamp) async throws
        -> [RightRecord]
    /// Applies `change` to the custom right `id` of a company in `scope` (its holders' rights
    /// change with it); the audit event keeps what changed. A main right is
    /// ``RightsViolation/mainRight``; a name another right of the company has is
    /// ``RightsViolation/nameTaken``.
    func update(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout RightDraft) throws -> Void
    ) async throws -> RightRecord
    /// Deletes the custom right `id` of a company in `scope` and takes it from every account
    /// holding it; returns those accounts' logins.
    func delete(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws -> [AccountLogin]
}
