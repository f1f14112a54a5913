import MyOpenIPDomain

/// Which accounts a list returns; nil fields do not filter.
public struct AccountFilter: Sendable, Hashable {
    public var kind: AccountKind?
    public var state: AccountState?
    public var companyReference: String?
    /// Only the accounts holding this right.
    public var rightID: Int64?
    /// Only the users of the companies of this scope.
    public var scope: CompanyScope

    public init(
        kind: AccountKind? = nil, state: AccountState? = nil, companyReference: String? = nil, scope: CompanyScope = .everything
    ) {
        self.kind = kind
        self.state = state
        self.companyReference = companyReference
        self.scope = scope
    }
}

/// Accounts, their password links and their sessions. Each method is one transaction, and each
/// change writes its audit event (and its mail, if any) in that same transaction.
public protocol IdentityRepository: Sendable {
    /// Creates an account with the next login, its password link and the mail that carries it.
    /// Throws ``IdentityMessages/emailTaken`` when an account already has the email.
    /// Creates an account (state PENDING_PASSWORD) with its password link and the mail that
    /// carries it, and gives it `rights` (main rights or custom rights of its company; any other
    /// is ``RightsViolation/unknownRight``) once `check` has seen them: all in one transaction,
    /// so a refusal leaves nothing behind.
    func createAccount(
        _ draft: AccountDraft, link: NewPasswordLink, mail: @escaping @Sendable (AccountLogin) -> OutgoingMail,
        rights: Set<Int64>, check: @escaping @Sendable (_ given: [RightRecord]) throws -> Void,
        context: AuditContext, at now: Timestamp
    ) async throws -> AccountRecord

    func account(login: AccountLogin) async throws -> AccountRecord?
    /// The account of a login or of an email (compared without case).
    func account(identifier: String) async throws -> AccountRecord?
    /// Accounts in login order.
    func accounts(_ filter: AccountFilter, page: PageRequest, at now: Timestamp) async throws -> Page<AccountRecord>

    /// Changes an account's name and email (nil leaves one as it is); the audit event keeps what
    /// changed, and nothing is written when nothing changes. A new email (another address, not
    /// another spelling of the same one) gets `link` and its mail, voiding the older links, unless
    /// the account is disabled, and `notice` (given the account before the change) goes to the
    /// former address. Throws ``IdentityMessages/emailTaken`` when another account has the email.
    func updateAccount(
        _ accountID: Int64, _ change: AccountChange, link: NewPasswordLink,
        mails: @escaping @Sendable (_ before: AccountRecord, _ email: EmailAddress) -> (link: OutgoingMail, notice: OutgoingMail),
        context: AuditContext, at now: Timestamp
    ) async throws -> AccountRecord

    /// Disables an account (its sessions and links are revoked) or enables it again (its lock is lifted).
    func setDisabled(_ disabled: Bool, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> AccountRecord

    /// Issues a new password link, voiding the account's unused ones, and queues its mail; but
    /// issues nothing, and returns false, when a link was issued after `notIfIssuedAfter`.
    @discardableResult
    func issuePasswordLink(
        _ link: NewPasswordLink, accountID: Int64, mail: OutgoingMail, notIfIssuedAfter: Timestamp?,
        context: AuditContext, at now: Timestamp
    ) async throws -> Bool

    /// A link by the digest of its token, with its account.
    func passwordLink(tokenDigest: String) async throws -> (link: PasswordLinkRecord, account: AccountRecord)?

    /// Uses a link to set its account's password: the link is spent, the account's other links
    /// are voided and its sessions revoked, its lock lifted. Throws the link's problem, if any.
    func setPassword(linkDigest: String, passwordHash: String, context: AuditContext, at now: Timestamp) async throws
        -> AccountRecord

    /// Counts a failed login and returns the lock it brings, if any. For an identifier that
    /// matches no account (`accountID` nil), a decoy counter keyed by the identifier is counted
    /// and locked the same way, so that the answers do not tell which accounts exist.
    func recordFailedLogin(
        accountID: Int64?, identifier: String, lockout: LockoutPolicy, context: AuditContext, at now: Timestamp
    ) async throws -> Timestamp?

    /// The lock of the decoy counter of an identifier that matches no account, if it is locked at `now`.
    func decoyLock(identifier: String, at now: Timestamp) async throws -> Timestamp?

    /// Opens a session after a successful login; the failure count starts again. A new hash of
    /// the password, when given, replaces the stored one (stronger parameters).
    func openSession(
        accountID: Int64, tokenDigest: String, policy: SessionPolicy, client: String, rehashedPassword: String?,
        context: AuditContext, at now: Timestamp
    ) async throws -> SessionRecord

    /// Moves on every committed write that may change what a session is allowed (see
    /// ``AuthenticationChanges``): a cached session read at another generation is stale.
    func authenticationGeneration() -> UInt64

    /// The session of a token digest, its account and its terms status.
    func session(tokenDigest: String, at now: Timestamp) async throws -> SessionLookup?

    /// Records a use of a session, pushing its idle expiry back.
    func touchSession(id: Int64, at now: Timestamp, idleExpiresAt: Timestamp) async throws

    /// Revokes one session of an account (logout).
    func revokeSession(id: Int64, accountID: Int64, reason: String, context: AuditContext, at now: Timestamp) async throws

    /// Revokes every open session of an account but `except`; returns how many.
    func revokeSessions(
        accountID: Int64, except: Int64?, reason: String, context: AuditContext, at now: Timestamp
    ) async throws -> Int

    /// Replaces the password of an account and revokes its sessions but `keepingSession`;
    /// returns how many were revoked.
    func changePassword(
        accountID: Int64, passwordHash: String, keepingSession: Int64?, context: AuditContext, at now: Timestamp
    ) async throws -> Int
}

extension IdentityRepository {
    /// Creates an account without rights.
    public func createAccount(
        _ draft: AccountDraft, link: NewPasswordLink, mail: @escaping @Sendable (AccountLogin) -> OutgoingMail,
        context: AuditContext, at now: Timestamp
    ) async throws -> AccountRecord {
        try await createAccount(draft, link: link, mail: mail, rights: [], check: { _ in }, context: context, at: now)
    }
}
