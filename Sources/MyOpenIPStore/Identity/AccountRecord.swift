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

    /// The columns ``init(row:offset:)`` reads, in its order, for a query on `account a`.
    static let columns = """
        a.id, a.login, a.display_name, a.email, a.kind, a.company_reference, a.state, a.password_hash,
        a.password_set_at, a.failed_logins, a.locked_until, a.created_at,
        (SELECT MAX(terms_version_id) FROM terms_acceptance WHERE account_id = a.id)
        """
    static let columnCount = 13

    /// Reads ``columns`` from `row`, starting at column `offset` (by position: name lookups are
    /// case-insensitive and cost more than the query on the authentication path).
    init(row: Row, offset: Int = 0) throws {
        id = row[offset]
        guard let login = AccountLogin(parsing: row[offset + 1]),
            let kind = AccountKind(rawValue: row[offset + 4]),
            let state = AccountState(rawValue: row[offset + 6])
        else { throw StoreError.corruptRow(table: "account", id: row[offset]) }
        self.login = login
        displayName = row[offset + 2]
        email = row[offset + 3]
        self.kind = kind
        companyReference = row[offset + 5]
        storedState = state
        passwordHash = row[offset + 7]
        passwordSetAt = (row[offset + 8] as Int64?).map(Timestamp.init(milliseconds:))
        failedLogins = row[offset + 9]
        lockedUntil = (row[offset + 10] as Int64?).map(Timestamp.init(milliseconds:))
        createdAt = Timestamp(milliseconds: row[offset + 11])
        acceptedTermsVersion = row[offset + 12]
    }

    static func fetchOne(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> AccountRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM account a WHERE \(condition)")
        return try Row.fetchOne(statement, arguments: arguments).map { try AccountRecord(row: $0) }
    }
}
