import GRDB

/// A row of `account_right`: an account holds a right.
struct AccountRightRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account_right"

    var accountID: Int64
    var rightID: Int64
    var grantedAt: Int64
    var grantedBy: String

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case rightID = "right_id"
        case grantedAt = "granted_at"
        case grantedBy = "granted_by"
    }

    enum Columns {
        static let accountID = Column(CodingKeys.accountID)
        static let rightID = Column(CodingKeys.rightID)
    }

    static let right = belongsTo(AccessRightRow.self, using: ForeignKey([Columns.rightID]))
}
