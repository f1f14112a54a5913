import GRDB
import MyOpenIPDomain

/// A row of `terms_version`: one published version of the terms of use.
struct TermsVersionRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "terms_version"

    var id: Int64?
    var title: String
    var text: String
    var effectiveAt: Int64
    var publishedAt: Int64
    var publishedBy: String
    var withdrawnAt: Int64?
    var withdrawnBy: String?

    enum CodingKeys: String, CodingKey {
        case id, title, text
        case effectiveAt = "effective_at"
        case publishedAt = "published_at"
        case publishedBy = "published_by"
        case withdrawnAt = "withdrawn_at"
        case withdrawnBy = "withdrawn_by"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let effectiveAt = Column(CodingKeys.effectiveAt)
        static let withdrawnAt = Column(CodingKeys.withdrawnAt)
    }

    /// The version in force at `now`: of the versions not withdrawn whose date has come, the
    /// latest date, and on one date the last published.
    static func inForce(at now: Timestamp) -> QueryInterfaceRequest<TermsVersionRow> {
        filter(Columns.withdrawnAt == nil && Columns.effectiveAt <= now.milliseconds)
            .order(Columns.effectiveAt.desc, Columns.id.desc)
    }

    /// ``inForce(at:)`` as SQL for one `?` argument (now, in milliseconds): the id, or NULL.
    static let inForceIDSQL = """
        (SELECT id FROM terms_version WHERE withdrawn_at IS NULL AND effective_at <= ?
         ORDER BY effective_at DESC, id DESC LIMIT 1)
        """

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var record: TermsRecord {
        TermsRecord(
            version: id ?? 0, title: title, text: text, effectiveAt: Timestamp(milliseconds: effectiveAt),
            publishedAt: Timestamp(milliseconds: publishedAt), publishedBy: publishedBy,
            withdrawnAt: withdrawnAt.map(Timestamp.init(milliseconds:)), withdrawnBy: withdrawnBy)
    }
}

/// A row of `terms_acceptance`: an account accepted a version.
struct TermsAcceptanceRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "terms_acceptance"

    var accountID: Int64
    var termsVersionID: Int64
    var acceptedAt: Int64

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case termsVersionID = "terms_version_id"
        case acceptedAt = "accepted_at"
    }
}
