import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

/// A store in a temporary folder with the repositories of the identity story, and helpers that
/// create accounts the way the identity service does (a link, and the mail that carries its token).
struct IdentityFixture: Sendable {
    /// Who makes the changes in these tests.
    static let context = AuditContext(actor: "operator(uid=0)")
    /// 2017-02-15T00:00:00Z: where the tests' clocks start.
    static let start = Timestamp(milliseconds: 1_487_116_800_000)
    /// How long the links of ``createAccount(email:name:kind:company:linkDigest:expiresAt:at:)`` last by default.
    static let linkLifetime = Duration.seconds(24 * 3600)
    /// Any string does as a password hash: the store does not check it.
    static let passwordHash = "$scrypt$test"

    let store: Store
    let accounts: SQLiteIdentityRepository
    let terms: SQLiteTermsRepository
    let mails: SQLiteMailOutboxRepository
    let audit: SQLiteAuditLogRepository

    init(store: Store) {
        self.store = store
        accounts = SQLiteIdentityRepository(store: store)
        terms = SQLiteTermsRepository(store: store)
        mails = SQLiteMailOutboxRepository(store: store)
        audit = SQLiteAuditLogRepository(store: store)
    }

    /// The token a link's mail carries; the store only sees `digest`.
    static func token(ofLink digest: String) -> String { "token-of-" + digest }

    /// The URL a link's mail carries.
    static func url(ofLink digest: String) -> String {
        "https://myopenip.example/mot-de-passe?token=" + token(ofLink: digest)
    }

    /// Creates an account whose link has digest `linkDigest`.
    @discardableResult
    func createAccount(
        email: String, name: String = "Jean Dupont", kind: AccountKind = .clientUser, company: String = "OIP-00000002",
        linkDigest: String, expiresAt: Timestamp? = nil, at now: Timestamp = IdentityFixture.start
    ) async throws -> AccountRecord {
        let draft = try AccountDraft(displayName: name, email: email, kind: kind, companyReference: company)
        let expiry = expiresAt ?? now.adding(Self.linkLifetime)
        let link = NewPasswordLink(tokenDigest: linkDigest, purpose: .initialisation, expiresAt: expiry)
        let token = Self.token(ofLink: linkDigest)
        let url = Self.url(ofLink: linkDigest)
        let recipient = draft.email.description
        return try await accounts.createAccount(
            draft, link: link,
            mail: { login in
                let mail = PasswordLinkMail(login: login, link: url, expiresAt: expiry)
                return OutgoingMail(
                    recipient: recipient, subject: mail.subject, body: mail.body,
                    template: PasswordLinkMail.Purpose.initialisation.rawValue, secret: token,
                    messageID: MessageID.new(domain: "myopenip.example"))
            },
            context: Self.context, at: now)
    }

    /// Creates an account and sets its password through its link: an active account.
    @discardableResult
    func createActiveAccount(email: String, linkDigest: String, at now: Timestamp = IdentityFixture.start) async throws
        -> AccountRecord
    {
        try await createAccount(email: email, linkDigest: linkDigest, at: now)
        return try await accounts.setPassword(
            linkDigest: linkDigest, passwordHash: Self.passwordHash, context: Self.context, at: now)
    }

    /// The mail of a reset link with digest `linkDigest` for `account`.
    static func resetMail(for account: AccountRecord, linkDigest: String, expiresAt: Timestamp) -> OutgoingMail {
        let mail = PasswordLinkMail(login: account.login, link: url(ofLink: linkDigest), expiresAt: expiresAt)
        return OutgoingMail(
            recipient: account.email, subject: mail.subject, body: mail.body,
            template: PasswordLinkMail.Purpose.reset.rawValue, secret: token(ofLink: linkDigest),
            messageID: MessageID.new(domain: "myopenip.example"))
    }

    /// Opens a session with the default policy.
    func openSession(_ account: AccountRecord, tokenDigest: String, at now: Timestamp) async throws -> SessionRecord {
        try await accounts.openSession(
            accountID: account.id, tokenDigest: tokenDigest, policy: SessionPolicy(), client: "test", rehashedPassword: nil,
            context: Self.context, at: now)
    }

    /// The session of `tokenDigest` at `now`; records an issue and throws when there is none.
    func lookUp(_ tokenDigest: String, at now: Timestamp) async throws -> SessionLookup {
        let found = try await accounts.session(tokenDigest: tokenDigest, at: now)
        return try #require(found, "no session for \(tokenDigest)")
    }

    /// Every mail, newest first.
    func allMails() async throws -> [MailRecord] {
        try await mails.mails(MailFilter(), page: PageRequest(limit: PageRequest.maximumSize)).items
    }

    /// Every audit event matching `filter`, newest first.
    func events(_ filter: AuditFilter = AuditFilter()) async throws -> [AuditEventRecord] {
        try await audit.events(filter, page: PageRequest(limit: PageRequest.maximumSize)).items
    }

    /// The number of rows of `table`.
    func count(_ table: String) async throws -> Int {
        try await store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        }
    }
}

/// Runs `body` on a new store in a temporary folder.
func withIdentityStore<T>(_ body: (IdentityFixture) async throws -> T) async throws -> T {
    try await withTemporaryFolder { folder in
        try await body(IdentityFixture(store: try Store(folder: folder, migrations: .everyDomain)))
    }
}
