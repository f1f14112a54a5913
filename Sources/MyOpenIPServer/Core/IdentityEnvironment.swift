import MyOpenIPDomain
import MyOpenIPStore

/// What the identity services share: their repositories (and the companies and rights that
/// accounts belong to and hold), the password hasher, the clock and the settings.
public struct IdentityEnvironment: Sendable {
    public let accounts: any IdentityRepository
    public let terms: any TermsRepository
    public let mails: any MailOutboxRepository
    public let audit: any AuditLogRepository
    public let rights: any RightsRepository
    public let companies: any CompanyRepository
    public let hasher: PasswordHasher
    public let time: any TimeSource
    public let settings: IdentitySettings
    let decoy: DecoyPasswordHash
    /// Failed logins per peer address.
    let failedLogins: FailedLoginThrottle
    /// The sessions authenticated lately, shared by the authenticator and the handlers.
    let sessions: SessionCache

    public init(
        accounts: any IdentityRepository, terms: any TermsRepository, mails: any MailOutboxRepository,
        audit: any AuditLogRepository, rights: any RightsRepository, companies: any CompanyRepository,
        hasher: PasswordHasher = PasswordHasher(),
        time: any TimeSource = SystemTimeSource(), settings: IdentitySettings = IdentitySettings()
    ) {
        self.accounts = accounts
        self.terms = terms
        self.mails = mails
        self.audit = audit
        self.rights = rights
        self.companies = companies
        self.hasher = hasher
        self.time = time
        self.settings = settings
        self.decoy = DecoyPasswordHash(hasher: hasher)
        self.failedLogins = FailedLoginThrottle(
            limit: settings.failedLoginsPerAddress, window: settings.failedLoginWindow)
        self.sessions = SessionCache()
    }

    /// The environment on a daemon's store.
    public init(
        store: Store, hasher: PasswordHasher = PasswordHasher(), time: any TimeSource = SystemTimeSource(),
        settings: IdentitySettings = IdentitySettings()
    ) {
        self.init(
            accounts: SQLiteIdentityRepository(store: store), terms: SQLiteTermsRepository(store: store),
            mails: SQLiteMailOutboxRepository(store: store), audit: SQLiteAuditLogRepository(store: store),
            rights: SQLiteRightsRepository(store: store), companies: SQLiteCompanyRepository(store: store),
            hasher: hasher, time: time, settings: settings)
    }
}
