import GRDB
import MyOpenIPDomain

/// One stored session (its token is kept only as a digest).
public struct SessionRecord: Sendable, Hashable {
    public var id: Int64
    public var accountID: Int64
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp
    public var idleExpiresAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    /// Whether the session may still be used at `now`.
    public func isOpen(at now: Timestamp) -> Bool {
        revokedAt == nil && now < idleExpiresAt && now < expiresAt
    }

    /// The columns ``init(row:)`` reads, in its order, for a query on `session s`. Sessions are
    /// read by position, with their account, in the one statement of the session lookup that
    /// every authenticated call makes: a record type decoding by column name costs more there
    /// (docs/benchmarks.md, "Identity: login and authenticated calls"); every other table has a GRDB
    /// record type.
    static let columns = "s.id, s.account_id, s.created_at, s.last_used_at, s.idle_expires_at, s.expires_at, s.revoked_at"
    static let columnCount = 7

    init(row: Row) {
        id = row[0]
        accountID = row[1]
        createdAt = Timestamp(milliseconds: row[2])
        lastUsedAt = Timestamp(milliseconds: row[3])
        idleExpiresAt = Timestamp(milliseconds: row[4])
        expiresAt = Timestamp(milliseconds: row[5])
        revokedAt = (row[6] as Int64?).map(Timestamp.init(milliseconds:))
    }
}

/// What authenticating a call needs, read in one go: the session, its account, and whether the
/// account has accepted the terms of use in force.
public struct SessionLookup: Sendable, Hashable {
    public var session: SessionRecord
    public var account: AccountRecord
    /// The version in force, nil when none was ever published.
    public var termsInForce: Int64?
    /// Whether the account accepted `termsInForce` (true when there is none).
    public var hasAcceptedTermsInForce: Bool
    /// What the account's rights allow.
    public var permissions: Set<Permission>
    /// The state of the account's company; nil for operator staff.
    public var companyState: CompanyState?
    /// When the next scheduled version of the terms comes into force, if one is scheduled:
    /// until then, what this lookup says of the terms stays true.
    public var nextTermsAt: Timestamp? = nil
    /// The names of the rights the account holds, main rights first, then by name.
    public var rightNames: [String] = []
}
