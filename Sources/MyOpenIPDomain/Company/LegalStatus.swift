/// The legal form of a company ("statut juridique").
public enum LegalStatus: String, Sendable, Hashable, CaseIterable {
    case ei = "EI"
    case eurl = "EURL"
    case sarl = "SARL"
    case sas = "SAS"
    case sasu = "SASU"
    case sa = "SA"
    case snc = "SNC"
    case sci = "SCI"
    case scop = "SCOP"
    case association = "ASSOCIATION"
    case collectivite = "COLLECTIVITE"
    case etablissementPublic = "ETABLISSEMENT_PUBLIC"
    case autre = "AUTRE"

    /// How the portal shows it.
    public var label: String {
        switch self {
        case .ei: return "Entreprise individuelle (EI)"
        case .eurl: return "EURL"
        case .sarl: return "SARL"
        case .sas: return "SAS"
        case .sasu: return "SASU"
        case .sa: return "SA"
        case .snc: return "SNC"
        case .sci: return "SCI"
        case .scop: return "SCOP"
        case .association: return "Association"
        case .collectivite: return "Collectivité"
        case .etablissementPublic: return "Établissement public"
        case .autre: return "Autre"
        }
    }
}
