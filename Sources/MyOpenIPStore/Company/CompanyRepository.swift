import MyOpenIPDomain

/// Which companies a caller may see: every one (operator staff), or one company and, when it is
/// a partner, its clients. A company outside the scope is, for the caller, a company that does
/// not exist.
public enum CompanyScope: Sendable, Hashable {
    case everything
    case company(CompanyReference)
    /// A caller without a company sees none.
    case nothing
}

/// Which companies a list returns.
public struct CompanyFilter: Sendable, Hashable {
    public var kind: CompanyKind?
    public var state: CompanyState?
    /// Only the clients of this partner.
    public var partner: CompanyReference?
    /// Part of the name, the reference or the SIREN, without case.
    public var text: String?

    public init(kind: CompanyKind? = nil, state: CompanyState? = nil, partner: CompanyReference? = nil, text: String? = nil) {
        self.kind = kind
        self.state = state
        self.partner = partner
        self.text = text
    }
}

/// Companies. Each method is one transaction; each change writes its audit event in it.
public protocol CompanyRepository: Sendable {
    /// Creates a company with the next reference, and its head office ("Siège Social", at
    /// `headOffice` if given, else to be completed). A client may belong to a partner.
    func create(
        _ profile: CompanyProfile, kind: CompanyKind, partner: CompanyReference?, headOffice: PostalAddress?,
        context: AuditContext, at now: Timestamp
    ) async throws -> CompanyRecord

    /// The company of `reference`, if it is in `scope`.
    func company(_ reference: CompanyReference, in scope: CompanyScope) async throws -> CompanyRecord?

    /// The companies of `scope` that pass `filter`, in `order`, `limit` at most after `cursor`.
    func companies(
        _ filter: CompanyFilter, in scope: CompanyScope, order: CompanyOrder, after cursor: CompanyCursor?, limit: Int
    ) async throws -> CompanyPage

    /// Applies `change` to the company of `reference` in `scope`; the audit event keeps the
    /// fields before and after. Throws ``CompanyViolation/unknownCompany`` outside the scope.
    func update(
        _ reference: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout CompanyState, inout CompanyProfile) throws -> Void
    ) async throws -> CompanyRecord
}
