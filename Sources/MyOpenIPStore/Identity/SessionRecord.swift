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

    init(row: Row) {
        id = row["id"]
        accountID = row["account_id"]
        createdAt = Timestamp(milliseconds: row["created_at"])
        lastUsedAt = Timestamp(milliseconds: row["last_used_at"])
        idleExpiresAt = Timestamp(milliseconds: row["idle_expires_at"])
        expiresAt = Timestamp(milliseconds: row["expires_at"])
        revokedAt = (row["revoked_at"] as Int64?).map(Timestamp.init(milliseconds:))
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
}
