import GRDB
import MyOpenIPDomain

/// One stored account.
public struct AccountRecord: Sendable, Hashable {
    public var id: Int64
    public var login: AccountLogin
    public var displayName: String
    public var email: String
    public var kind: AccountKind
    public var companyReference: String?
    /// `pendingPassword`, `active` or `disabled`, as stored; see ``state(at:)``.
    public var storedState: AccountState
    public var passwordHash: String?
    public var passwordSetAt: Timestamp?
    public var failedLogins: Int
    public var lockedUntil: Timestamp?
    public var createdAt: Timestamp
    /// The newest terms of use version the account accepted.
    public var acceptedTermsVersion: Int64?

    /// The state at `now`: an active account whose lock has not run out is `locked`.
    public func state(at now: Timestamp) -> AccountState {
        if storedState == .active, let lockedUntil, lockedUntil > now { return .locked }
        return storedState
    }

    /// The lock still running at `now`, if any.
    public func lock(at now: Timestamp) -> Timestamp? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return lockedUntil
    }

    static let columns = """
        a.id, a.login, a.display_name, a.email, a.kind, a.company_reference, a.state, a.password_hash,
        a.password_set_at, a.failed_logins, a.locked_until, a.created_at,
        (SELECT MAX(terms_version_id) FROM terms_acceptance WHERE account_id = a.id) AS accepted_terms
        """

    init(row: Row) throws {
        id = row["id"]
        guard let login = AccountLogin(parsing: row["login"]),
              let kind = AccountKind(rawValue: row["kind"]),
              let state = AccountState(rawValue: row["state"])
        else { throw StoreError.corruptRow(table: "account", id: row["id"]) }
        self.login = login
        displayName = row["display_name"]
        email = row["email"]
        self.kind = kind
        companyReference = row["company_reference"]
        storedState = state
        passwordHash = row["password_hash"]
        passwordSetAt = (row["password_set_at"] as Int64?).map(Timestamp.init(milliseconds:))
        failedLogins = row["failed_logins"]
        lockedUntil = (row["locked_until"] as Int64?).map(Timestamp.init(milliseconds:))
        createdAt = Timestamp(milliseconds: row["created_at"])
        acceptedTermsVersion = row["accepted_terms"]
    }

    static func fetchOne(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> AccountRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM account a WHERE \(condition)", arguments: arguments)
            .map(AccountRecord.init(row:))
    }
}
