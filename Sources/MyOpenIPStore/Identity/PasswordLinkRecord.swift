import MyOpenIPDomain

/// One stored password link (its token is kept only as a digest).
public struct PasswordLinkRecord: Sendable, Hashable {
    public var id: Int64
    public var accountID: Int64
    public var purpose: PasswordLinkMail.Purpose
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var usedAt: Timestamp?
    public var voidedAt: Timestamp?

    /// Why the link cannot set a password at `now`, or nil when it can.
    public func problem(at now: Timestamp) -> DomainViolation? {
        if usedAt != nil { return IdentityMessages.linkUsed }
        if voidedAt != nil { return IdentityMessages.linkInvalid }
        if now >= expiresAt { return IdentityMessages.linkExpired }
        return nil
    }

}

/// A link about to be issued: the digest of its token, what it is for, and when it expires.
public struct NewPasswordLink: Sendable, Hashable {
    public var tokenDigest: String
    public var purpose: PasswordLinkMail.Purpose
    public var expiresAt: Timestamp

    public init(tokenDigest: String, purpose: PasswordLinkMail.Purpose, expiresAt: Timestamp) {
        self.tokenDigest = tokenDigest
        self.purpose = purpose
        self.expiresAt = expiresAt
    }
}
