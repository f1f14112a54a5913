/// The five templates a custom right ("droit personnalisé") is built from, as the guide lists them.
public enum RightTemplate: String, Sendable, Hashable, CaseIterable {
    case companyEdit = "company_edit"
    case companyView = "company_view"
    case billingView = "billing_view"
    case ordersAdminister = "orders_administer"
    case servicesView = "services_view"

    /// The template's name in the portal.
    public var label: String {
        switch self {
        case .companyEdit: return "Informations société - Modifier"
        case .companyView: return "Informations société - Voir"
        case .billingView: return "Comptabilité - Voir les factures et avoirs"
        case .ordersAdminister: return "Gestion des commandes - Administrer"
        case .servicesView: return "Technique - Voir les services"
        }
    }

    /// What the template allows, as the guide explains it: "Modifier" sees and changes the company
    /// and its sites and creates users; "Voir" only sees, and creates no user.
    public var permissions: Set<Permission> {
        switch self {
        case .companyEdit: return [.companyRead, .companyWrite, .usersManage]
        case .companyView: return [.companyRead]
        case .billingView: return [.billingRead]
        case .ordersAdminister: return [.ordersManage]
        case .servicesView: return [.servicesRead]
        }
    }
}

/// The two main access rights every company has ("Droits d'accès principaux").
public enum MainRight: String, Sendable, Hashable, CaseIterable {
    /// "Administrateur tout Univers": the whole of MyOpenIP for the company, users, rights and
    /// the audit trail included.
    case administrator
    /// "Univers Client": every module of the client universe, without managing users and rights
    /// or changing the company's record.
    case clientUniverse = "client_universe"

    public var label: String {
        switch self {
        case .administrator: return "Administrateur tout Univers"
        case .clientUniverse: return "Univers Client"
        }
    }

    /// What the rights named in `names` allow: main rights and templates, by their raw names.
    public static func permissions(ofNames names: some Sequence<Substring>) -> Set<Permission> {
        names.reduce(into: []) { result, name in
            if let main = MainRight(rawValue: String(name)) { result.formUnion(main.permissions) }
            if let template = RightTemplate(rawValue: String(name)) { result.formUnion(template.permissions) }
        }
    }

    public var permissions: Set<Permission> {
        switch self {
        case .administrator: return Set(Permission.allCases)
        case .clientUniverse: return [.companyRead, .billingRead, .ordersManage, .servicesRead]
        }
    }
}
