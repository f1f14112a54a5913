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
    /// A main right, or a custom right of a company in `scope`; nil for any other.
    func right(_ id: Int64, in scope: CompanyScope) async throws -> RightRecord?
    /// The rights an account holds.
    func rights(ofAccount accountID: Int64) async throws -> [RightRecord]
    /// Replaces the rights of an account by `rightIDs`: main rights, or custom rights of the
    /// account's own company. `check` sees the rights it holds and those it would hold, in the
    /// transaction, before anything is written, and may refuse the change by throwing. Returns
    /// the rights it now holds.
    func setRights(
        _ rightIDs: Set<Int64>, ofAccount accountID: Int64, context: AuditContext, at now: Timestamp,
        check: @escaping @Sendable (_ held: [RightRecord], _ given: [RightRecord]) throws -> Void
    ) async throws -> [RightRecord]
    /// Applies `change` to the custom right `id` of a company in `scope` (its holders' rights
    /// change with it), once `check` (given the right and its holders' account ids) has not
    /// refused; the audit event keeps what changed. A main right is
    /// ``RightsViolation/mainRight``; a name another right of the company has is
    /// ``RightsViolation/nameTaken``.
    func update(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (_ draft: inout RightDraft, _ holders: [Int64]) throws -> Void
    ) async throws -> RightRecord
    /// Deletes the custom right `id` of a company in `scope` and takes it from every account
    /// holding it, once `check` (given the right and its holders' account ids) has not refused;
    /// returns those accounts' logins.
    func delete(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        check: @escaping @Sendable (_ right: RightRecord, _ holders: [Int64]) throws -> Void
    ) async throws -> [AccountLogin]
}

extension RightsRepository {
    /// Replaces the rights of an account, with no check of its own (operator staff's tools, tests).
    public func setRights(_ rightIDs: Set<Int64>, ofAccount accountID: Int64, context: AuditContext, at now: Timestamp)
        async throws -> [RightRecord]
    {
        try await setRights(rightIDs, ofAccount: accountID, context: context, at: now) { _, _ in }
    }

    /// Deletes a custom right, with no check of its own.
    public func delete(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws
        -> [AccountLogin]
    {
        try await delete(id, in: scope, context: context, at: now) { _, _ in }
    }
}
