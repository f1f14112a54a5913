import MyOpenIPClient
import MyOpenIPDomain

// The portal's French labels of states and kinds, for tables (JSON keeps the protocol's names).

extension Myopenip_V1_AccountState {
    var label: String {
        switch self {
        case .pendingPassword: return AccountState.pendingPassword.label
        case .active: return AccountState.active.label
        case .locked: return AccountState.locked.label
        case .disabled: return AccountState.disabled.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_AccountKind {
    var label: String {
        switch self {
        case .operatorStaff: return AccountKind.operatorStaff.label
        case .partnerUser: return AccountKind.partnerUser.label
        case .clientUser: return AccountKind.clientUser.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_CompanyKind {
    var label: String {
        switch self {
        case .client: return CompanyKind.client.label
        case .partner: return CompanyKind.partner.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_CompanyState {
    var label: String {
        switch self {
        case .active: return CompanyState.active.label
        case .suspended: return CompanyState.suspended.label
        case .closed: return CompanyState.closed.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_FinancialSituation {
    var label: String {
        switch self {
        case .healthy: return FinancialSituation.healthy.label
        case .watch: return FinancialSituation.watch.label
        case .disputed: return FinancialSituation.disputed.label
        case .unspecified, .UNRECOGNIZED: return "-"
        }
    }
}

extension Myopenip_V1_GuaranteeType {
    var label: String {
        switch self {
        case .none: return GuaranteeType.none.label
        case .bankGuarantee: return GuaranteeType.bankGuarantee.label
        case .deposit: return GuaranteeType.deposit.label
        case .sepaDirectDebit: return GuaranteeType.sepaDirectDebit.label
        case .unspecified, .UNRECOGNIZED: return "-"
        }
    }
}

extension Myopenip_V1_TermsVersionState {
    var label: String {
        switch self {
        case .scheduled: return TermsVersionState.scheduled.label
        case .inForce: return TermsVersionState.inForce.label
        case .superseded: return TermsVersionState.superseded.label
        case .withdrawn: return TermsVersionState.withdrawn.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

/// « EI - Entreprise individuelle » for `EI`; a code the CLI does not know is shown as it is.
func legalStatusLabel(_ code: String) -> String {
    LegalStatus(rawValue: code)?.label ?? (code.isEmpty ? "-" : code)
}

extension Myopenip_V1_MailState {
    var label: String {
        switch self {
        case .queued: return MailDeliveryState.queued.label
        case .sending: return MailDeliveryState.sending.label
        case .retrying: return MailDeliveryState.retrying.label
        case .sent: return MailDeliveryState.sent.label
        case .failed: return MailDeliveryState.failed.label
        case .cancelled: return MailDeliveryState.cancelled.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_OfferingCategory {
    var label: String {
        switch self {
        case .internetAccess: return OfferingCategory.internetAccess.label
        case .cloud: return OfferingCategory.cloud.label
        case .unifiedCommunications: return OfferingCategory.unifiedCommunications.label
        case .ipTelephony: return OfferingCategory.ipTelephony.label
        case .standardTelephony: return OfferingCategory.standardTelephony.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_CharacteristicType {
    var label: String {
        switch self {
        case .text: return "texte"
        case .number: return "nombre"
        case .choice: return "choix"
        case .boolean: return "oui/non"
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_QuoteState {
    var label: String {
        switch self {
        case .inProgress: return QuoteState.inProgress.label
        case .pending: return QuoteState.pending.label
        case .accepted: return QuoteState.accepted.label
        case .rejected: return QuoteState.rejected.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_ContactFunction {
    var label: String {
        switch self {
        case .onSiteIntervention: return ContactFunction.onSiteIntervention.label
        case .equipmentDelivery: return ContactFunction.equipmentDelivery.label
        case .orderFollowUp: return ContactFunction.orderFollowUp.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_QuoteContactSource {
    var label: String {
        switch self {
        case .clientDirectory: return QuoteContactSource.clientDirectory.label
        case .partnerDirectory: return QuoteContactSource.partnerDirectory.label
        case .adHoc: return QuoteContactSource.adHoc.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}
