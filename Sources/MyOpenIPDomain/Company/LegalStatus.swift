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

    /// How the portal shows it: « EI - Entreprise individuelle ».
    public var label: String {
        switch self {
        case .ei: return "EI - Entreprise individuelle"
        case .eurl: return "EURL - Entreprise unipersonnelle à responsabilité limitée"
        case .sarl: return "SARL - Société à responsabilité limitée"
        case .sas: return "SAS - Société par actions simplifiée"
        case .sasu: return "SASU - Société par actions simplifiée unipersonnelle"
        case .sa: return "SA - Société anonyme"
        case .snc: return "SNC - Société en nom collectif"
        case .sci: return "SCI - Société civile immobilière"
        case .scop: return "SCOP - Société coopérative et participative"
        case .association: return "Association"
        case .collectivite: return "Collectivité territoriale"
        case .etablissementPublic: return "Établissement public"
        case .autre: return "Autre"
        }
    }
}
