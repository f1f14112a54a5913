import GRDB
import MyOpenIPDomain

/// A row of `terms_version`: one published version of the terms of use or of the sales
/// conditions. Its id is the version number, shared by both documents.
struct TermsVersionRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "terms_version"

    var id: Int64?
    /// A ``TermsDocument`` raw value (the table checks it).
    var document: String
    var title: String
    var text: String
    var effectiveAt: Int64
    var publishedAt: Int64
    var publishedBy: String
    var withdrawnAt: Int64?
    var withdrawnBy: String?

    enum CodingKeys: String, CodingKey {
        case id, document, title, text
        case effectiveAt = "effective_at"
        case publishedAt = "published_at"
        case publishedBy = "published_by"
        case withdrawnAt = "withdrawn_at"
        case withdrawnBy = "withdrawn_by"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let document = Column(CodingKeys.document)
        static let effectiveAt = Column(CodingKeys.effectiveAt)
        static let withdrawnAt = Column(CodingKeys.withdrawnAt)
    }

    /// The versions of `document`.
    static func of(_ document: TermsDocument) -> QueryInterfaceRequest<TermsVersionRow> {
        filter(Columns.document == document.rawValue)
    }

    /// The version of `document` in force at `now`: of its versions not withdrawn whose date has
    /// come, the latest date, and on one date the last published.
    static func inForce(_ document: TermsDocument, at now: Timestamp) -> QueryInterfaceRequest<TermsVersionRow> {
        of(document).filter(Columns.withdrawnAt == nil && Columns.effectiveAt <= now.milliseconds)
            .order(Columns.effectiveAt.desc, Columns.id.desc)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The version as the repository answers it; a document the code does not know is a corrupt row.
    func record() throws -> TermsRecord {
        guard let document = TermsDocument(rawValue: document) else {
            throw StoreError.corruptRow(table: Self.databaseTableName, id: id ?? 0)
        }
        return TermsRecord(
            version: id ?? 0, document: document, title: title, text: text, effectiveAt: Timestamp(milliseconds: effectiveAt),
            publishedAt: Timestamp(milliseconds: publishedAt), publishedBy: publishedBy,
            withdrawnAt: withdrawnAt.map(Timestamp.init(milliseconds:)), withdrawnBy: withdrawnBy)
    }
}

/// A row of `terms_acceptance`: an account accepted a version of the terms of use.
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
