import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension CompanyKind {
    init?(_ kind: Myopenip_V1_CompanyKind) {
        switch kind {
        case .client: self = .client
        case .partner: self = .partner
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_CompanyKind { self == .client ? .client : .partner }
}

extension CompanyState {
    init?(_ state: Myopenip_V1_CompanyState) {
        switch state {
        case .active: self = .active
        case .suspended: self = .suspended
        case .closed: self = .closed
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_CompanyState {
        switch self {
        case .active: return .active
        case .suspended: return .suspended
        case .closed: return .closed
        }
    }
}

extension FinancialSituation {
    init?(_ situation: Myopenip_V1_FinancialSituation) {
        switch situation {
        case .healthy: self = .healthy
        case .watch: self = .watch
        case .disputed: self = .disputed
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_FinancialSituation {
        switch self {
        case .healthy: return .healthy
        case .watch: return .watch
        case .disputed: return .disputed
        }
    }
}

extension GuaranteeType {
    init?(_ type: Myopenip_V1_GuaranteeType) {
        switch type {
        case .none: self = .none
        case .bankGuarantee: self = .bankGuarantee
        case .deposit: self = .deposit
        case .sepaDirectDebit: self = .sepaDirectDebit
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_GuaranteeType {
        switch self {
        case .none: return .none
        case .bankGuarantee: return .bankGuarantee
        case .deposit: return .deposit
        case .sepaDirectDebit: return .sepaDirectDebit
        }
    }
}

extension CompanyMails {
    init(_ mails: Myopenip_V1_CompanyMails) throws(DomainViolation) {
        try self.init(
            commercial: mails.commercial, technical: mails.technical, salesAdministration: mails.salesAdministration,
            administrative: mails.administrative)
    }
}

extension Myopenip_V1_Company {
    init(_ record: CompanyRecord) {
        self.init()
        reference = record.reference.description
        kind = record.kind.proto
        state = record.state.proto
        name = record.profile.name
        siren = record.profile.siren.description
        vatNumber = record.profile.siren.vatNumber
        legalStatus = record.profile.legalStatus.rawValue
        comment = record.profile.comment
        website = record.profile.website
        financialSituation = record.profile.financialSituation.proto
        guaranteeType = record.profile.guaranteeType.proto
        mails.commercial = record.profile.mails.commercial?.description ?? ""
        mails.technical = record.profile.mails.technical?.description ?? ""
        mails.salesAdministration = record.profile.mails.salesAdministration?.description ?? ""
        mails.administrative = record.profile.mails.administrative?.description ?? ""
        partnerReference = record.partnerReference ?? ""
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
    }
}
