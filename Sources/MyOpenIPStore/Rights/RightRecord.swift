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
        r.id, (SELECT reference FROM company WHERE id = r.company_id), r.main, r.name, r.site, r.role, r.templates
        """

    init(row: Row) {
        id = row[0]
        companyReference = row[1]
        main = (row[2] as String?).flatMap(MainRight.init(rawValue:))
        name = row[3]
        site = row[4]
        role = row[5]
        templates = (row[6] as String).split(separator: ",").compactMap { RightTemplate(rawValue: String($0)) }
        // Computed from the main right or the templates, never read back: what a right allows is
        // the code's mapping of the guide, and changes with it.
        permissions = main?.permissions ?? templates.reduce(into: []) { $0.formUnion($1.permissions) }
    }

    /// The SQL of the names (main right or templates, comma-separated) of the rights an account
    /// `a` holds, for ``MainRight/permissions(ofNames:)``.
    static let heldNamesSQL = """
        (SELECT group_concat(COALESCE(r.main, r.templates)) FROM account_right ar
         JOIN access_right r ON r.id = ar.right_id WHERE ar.account_id = a.id)
        """
}
