import GRDB
import MyOpenIPDomain

/// A row of `password_link`: a link mailed to set a password, its token kept only as a digest.
struct PasswordLinkRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "password_link"

    var id: Int64?
    var accountID: Int64
    var tokenDigest: String
    var purpose: String
    var createdAt: Int64
    var expiresAt: Int64
    var usedAt: Int64?
    var voidedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, purpose
        case accountID = "account_id"
        case tokenDigest = "token_digest"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case usedAt = "used_at"
        case voidedAt = "voided_at"
    }

    enum Columns {
        static let accountID = Column(CodingKeys.accountID)
        static let tokenDigest = Column(CodingKeys.tokenDigest)
        static let createdAt = Column(CodingKeys.createdAt)
        static let usedAt = Column(CodingKeys.usedAt)
        static let voidedAt = Column(CodingKeys.voidedAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ link: NewPasswordLink, accountID: Int64, at now: Timestamp) {
        self.accountID = accountID
        tokenDigest = link.tokenDigest
        purpose = link.purpose.rawValue
        createdAt = now.milliseconds
        expiresAt = link.expiresAt.milliseconds
    }

    var record: PasswordLinkRecord {
        PasswordLinkRecord(
            id: id ?? 0, accountID: accountID, purpose: PasswordLinkMail.Purpose(rawValue: purpose) ?? .reset,
            createdAt: Timestamp(milliseconds: createdAt), expiresAt: Timestamp(milliseconds: expiresAt),
            usedAt: usedAt.map(Timestamp.init(milliseconds:)), voidedAt: voidedAt.map(Timestamp.init(milliseconds:)))
    }
}

extension DerivableRequest<PasswordLinkRow> {
    /// The link whose token has this digest.
    func filter(tokenDigest: String) -> Self {
        filter(PasswordLinkRow.Columns.tokenDigest == tokenDigest)
    }

    /// The links of an account neither used nor voided yet.
    func open(of accountID: Int64) -> Self {
        filter(
            PasswordLinkRow.Columns.accountID == accountID && PasswordLinkRow.Columns.usedAt == nil
                && PasswordLinkRow.Columns.voidedAt == nil)
    }
}
