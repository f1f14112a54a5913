import GRDB
import MyOpenIPDomain

/// A row of `access_right`: one of the two main rights (no company) or a company's custom right.
struct AccessRightRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "access_right"

    var id: Int64?
    /// The company of a custom right; nil for a main right.
    var companyID: Int64?
    var main: String?
    var name: String
    var site: String
    var role: String
    /// Template names, comma-separated, in the guide's order.
    var templates: String
    /// What the templates allow, comma-separated: for people reading the database by hand (what
    /// a right allows is always computed from its templates).
    var permissions: String
    var createdAt: Int64
    var createdBy: String

    enum CodingKeys: String, CodingKey {
        case id, main, name, site, role, templates, permissions
        case companyID = "company_id"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let companyID = Column(CodingKeys.companyID)
        static let main = Column(CodingKeys.main)
        static let name = Column(CodingKeys.name)
        static let site = Column(CodingKeys.site)
    }

    static let holders = hasMany(AccountRightRow.self, using: ForeignKey([AccountRightRow.Columns.rightID]))

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A new custom right of company `companyID`.
    init(_ draft: RightDraft, companyID: Int64, at now: Timestamp, by actor: String) {
        self.companyID = companyID
        name = draft.name
        site = draft.site
        role = draft.role
        templates = ""
        permissions = ""
        createdAt = now.milliseconds
        createdBy = actor
        set(draft)
    }

    /// Takes the name, site, role and templates of `draft`.
    mutating func set(_ draft: RightDraft) {
        name = draft.name
        site = draft.site
        role = draft.role
        templates = RightTemplate.allCases.filter(draft.templates.contains).map(\.rawValue).joined(separator: ",")
        permissions = draft.permissions.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// The right as the rest of the daemon sees it.
    var record: RightRecord {
        RightRecord(id: id ?? 0, companyID: companyID, main: main, name: name, site: site, role: role, templates: templates)
    }

    /// The rights of `ids` an account of company `companyID` may hold: main rights, or custom
    /// rights of that company. Any other id (unknown, another company's, or any custom right for
    /// an account without company) is ``RightsViolation/unknownRight``.
    static func usable(_ ids: Set<Int64>, byCompany companyID: Int64?, in db: Database) throws -> [RightRecord] {
        guard !ids.isEmpty else { return [] }
        var request = AccessRightRow.filter(keys: ids)
        if let companyID {
            request = request.filter(Columns.companyID == nil || Columns.companyID == companyID)
        } else {
            request = request.filter(Columns.companyID == nil)
        }
        let rights = try request.fetchAll(db).map(\.record)
        guard rights.count == ids.count else { throw RightsViolation.unknownRight }
        return rights
    }

    /// The draft of a custom right, to change some of its fields.
    var draft: RightDraft {
        get throws(DomainViolation) {
            try RightDraft(name: name, site: site, role: role, templates: templates.split(separator: ",").map(String.init))
        }
    }
}

extension DerivableRequest<AccessRightRow> {
    /// The two main rights, then custom rights by name.
    func orderedMainFirst() -> Self {
        order(AccessRightRow.Columns.companyID != nil, AccessRightRow.Columns.name)
    }

    /// The custom rights of the companies of `scope` (never a main right).
    func custom(in scope: CompanyScope) -> Self {
        let companies = CompanyRow.all().visible(in: scope).select(CompanyRow.Columns.id)
        return filter(companies.contains(AccessRightRow.Columns.companyID))
    }

    /// The rights called `name` (without ASCII case) that a company's custom right must not share: the
    /// main rights' and the company's own, but `except`'s.
    func named(_ name: String, companyID: Int64, except: Int64? = nil) -> Self {
        var request = filter(
            (AccessRightRow.Columns.companyID == nil || AccessRightRow.Columns.companyID == companyID)
                && AccessRightRow.Columns.name.collating(.nocase) == name)
        if let except { request = request.filter(AccessRightRow.Columns.id != except) }
        return request
    }
}
