/// What an account is for: the operator's back office, or a user of a partner or client company.
public enum AccountKind: String, Sendable, Hashable, CaseIterable {
    case operatorStaff = "operator_staff"
    case partnerUser = "partner_user"
    case clientUser = "client_user"

    /// Whether accounts of this kind belong to a company (and must name it).
    public var belongsToCompany: Bool { self != .operatorStaff }

    /// How the portal shows it.
    public var label: String {
        switch self {
        case .operatorStaff: return "Personnel OpenIP"
        case .partnerUser: return "Utilisateur partenaire"
        case .clientUser: return "Utilisateur client"
        }
    }
}
