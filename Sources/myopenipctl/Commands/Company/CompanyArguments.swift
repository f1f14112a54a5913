import ArgumentParser
import MyOpenIPClient

enum CompanyKindArgument: String, ExpressibleByArgument, CaseIterable {
    case client, partner
    var proto: Myopenip_V1_CompanyKind { self == .client ? .client : .partner }
}

enum CompanyStateArgument: String, ExpressibleByArgument, CaseIterable {
    case active, suspended, closed
    var proto: Myopenip_V1_CompanyState {
        switch self {
        case .active: return .active
        case .suspended: return .suspended
        case .closed: return .closed
        }
    }
}

enum FinancialSituationArgument: String, ExpressibleByArgument, CaseIterable {
    case healthy, watch, disputed
    var proto: Myopenip_V1_FinancialSituation {
        switch self {
        case .healthy: return .healthy
        case .watch: return .watch
        case .disputed: return .disputed
        }
    }
}

enum GuaranteeTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case none
    case bankGuarantee = "bank-guarantee"
    case deposit
    case sepaDirectDebit = "sepa-direct-debit"
    var proto: Myopenip_V1_GuaranteeType {
        switch self {
        case .none: return .none
        case .bankGuarantee: return .bankGuarantee
        case .deposit: return .deposit
        case .sepaDirectDebit: return .sepaDirectDebit
        }
    }
}

extension Myopenip_V1_Company {
    var fields: [(String, String)] {
        func orDash(_ text: String) -> String { text.isEmpty ? "-" : text }
        return [
            ("reference", reference), ("name", name), ("kind", kind.label), ("state", state.label), ("siren", siren),
            ("vat number", vatNumber), ("legal status", legalStatusLabel(legalStatus)), ("partner", orDash(partnerReference)),
            ("website", orDash(website)), ("comment", orDash(comment)),
            ("financial situation", financialSituation.label), ("guarantee", guaranteeType.label),
            ("mail commercial", orDash(mails.commercial)), ("mail technical", orDash(mails.technical)),
            ("mail sales admin", orDash(mails.salesAdministration)), ("mail administrative", orDash(mails.administrative)),
            ("created", createdAt.shown), ("updated", updatedAt.shown),
        ]
    }
}
