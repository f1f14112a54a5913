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
    /// Computed from the main right or the templates, never read back: what a right allows is
    /// the code's mapping of the guide, and changes with it.
    public var permissions: Set<Permission> {
        main?.permissions ?? templates.reduce(into: []) { $0.formUnion($1.permissions) }
    }

    init(
        id: Int64, companyReference: String?, main: MainRight?, name: String, site: String, role: String,
        templates: [RightTemplate]
    ) {
        self.id = id
        self.companyReference = companyReference
        self.main = main
        self.name = name
        self.site = site
        self.role = role
        self.templates = templates
    }

    /// A right from its stored values: the company's id, the main right's and the templates'
    /// raw names (comma-separated).
    init(id: Int64, companyID: Int64?, main: String?, name: String, site: String, role: String, templates: String) {
        self.init(
            id: id, companyReference: companyID.flatMap(CompanyReference.init(sequence:))?.description,
            main: main.flatMap(MainRight.init(rawValue:)), name: name, site: site, role: role,
            templates: templates.split(separator: ",").compactMap { RightTemplate(rawValue: String($0)) })
    }

    /// The SQL of the names (main right or templates, comma-separated) of the rights an account
    /// `a` holds, for ``MainRight/permissions(ofNames:)``. The session lookup, which every
    /// authenticated call makes, reads it by position in one statement (docs/benchmarks.md).
    static let heldNamesSQL = """
        (SELECT group_concat(COALESCE(r.main, r.templates)) FROM account_right ar
         JOIN access_right r ON r.id = ar.right_id WHERE ar.account_id = a.id)
        """
}

extension Sequence<RightRecord> {
    /// What these rights allow together.
    public var permissions: Set<Permission> {
        reduce(into: []) { $0.formUnion($1.permissions) }
    }
}
