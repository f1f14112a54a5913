/// A client company, or a partner (operator, MSP, reseller, integrator) that may have clients of its own.
public enum CompanyKind: String, Sendable, Hashable, CaseIterable {
    case client
    case partner

    /// How the portal shows it.
    public var label: String { self == .client ? "Client" : "Partenaire" }
}

/// Where a company is in its life; "Activé(e)" in the portal.
public enum CompanyState: String, Sendable, Hashable, CaseIterable {
    case active
    case suspended
    case closed

    public var label: String {
        switch self {
        case .active: return "Activé(e)"
        case .suspended: return "Suspendu(e)"
        case .closed: return "Fermé(e)"
        }
    }
}

/// The operator's view of a company's finances.
public enum FinancialSituation: String, Sendable, Hashable, CaseIterable {
    case healthy
    case watch
    case disputed

    public var label: String {
        switch self {
        case .healthy: return "Saine"
        case .watch: return "À surveiller"
        case .disputed: return "Contentieux"
        }
    }
}

/// What guarantees the company's payments.
public enum GuaranteeType: String, Sendable, Hashable, CaseIterable {
    case none
    case bankGuarantee = "bank_guarantee"
    case deposit
    case sepaDirectDebit = "sepa_direct_debit"

    public var label: String {
        switch self {
        case .none: return "Aucune"
        case .bankGuarantee: return "Caution bancaire"
        case .deposit: return "Dépôt de garantie"
        case .sepaDirectDebit: return "Prélèvement SEPA"
        }
    }
}
