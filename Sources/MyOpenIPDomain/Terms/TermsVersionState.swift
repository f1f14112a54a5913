/// Where a version of the terms of use stands.
public enum TermsVersionState: Sendable, Hashable {
    /// Its effective date has not come; it can still be withdrawn.
    case scheduled
    /// The version accounts must accept now.
    case inForce
    /// It was in force; a later version replaced it.
    case superseded
    /// Withdrawn before its effective date: it never comes into force.
    case withdrawn

    /// How the back office shows it.
    public var label: String {
        switch self {
        case .scheduled: return "Programmée"
        case .inForce: return "En vigueur"
        case .superseded: return "Remplacée"
        case .withdrawn: return "Retirée"
        }
    }
}
