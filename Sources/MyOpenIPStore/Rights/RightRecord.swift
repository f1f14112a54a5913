import GRDB
import MyOpenIPDomain

/// One access right: a main right (no company) or a company's custom right.
public struct RightRecord: Sendable, Hashable {
    public var id: Int64
    /// The company of a custom right; nil for the two main rights.
    public var companyReference: String?
    public var main: MainRight?
    public var name: String
    public var site: String
    public var role: String
    public var templates: [RightTemplate]
    public var permissions: Set<Permission>

    static let columns = """
        r.id, (SELECT reference FROM company WHERE id = r.company_id), r.main, r.name, r.site, r.role, r.templates, r.permissions
        """

    init(row: Row) {
        id = row[0]
        companyReference = row[1]
        main = (row[2] as String?).flatMap(MainRight.init(rawValue:))
        name = row[3]
        site = row[4]
        role = row[5]
        templates = (row[6] as String).split(separator: ",").compactMap { RightTemplate(rawValue: String($0)) }
        permissions = Self.permissions(row[7])
    }

    /// The permissions of a comma-separated list (unknown names are ignored).
    static func permissions(_ list: String?) -> Set<Permission> {
        Set((list ?? "").split(separator: ",").compactMap { Permission(rawValue: String($0)) })
    }
}
