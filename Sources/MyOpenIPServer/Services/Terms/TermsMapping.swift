import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPStore
import SwiftProtobuf

extension TermsDocument {
    /// The document a request names; nil for a number the contract does not define (which the
    /// request check refuses before any handler).
    init?(_ document: Myopenip_V1_TermsDocument) {
        switch document {
        case .termsOfUse: self = .termsOfUse
        case .salesConditions: self = .salesConditions
        case .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_TermsDocument {
        switch self {
        case .termsOfUse: return .termsOfUse
        case .salesConditions: return .salesConditions
        }
    }
}

extension Myopenip_V1_TermsVersion {
    /// A version as the wire shows it, `inForce` being the version in force of its document.
    init(_ record: TermsRecord, inForce: Int64?, at now: Timestamp) {
        self.init()
        version = record.version
        document = record.document.proto
        title = record.title
        text = record.text
        effectiveAt = Google_Protobuf_Timestamp(record.effectiveAt)
        applicability = TermsApplicability.label(effectiveAt: record.effectiveAt, document: record.document)
        publishedAt = Google_Protobuf_Timestamp(record.publishedAt)
        publishedBy = record.publishedBy
        self.inForce = record.version == inForce
        state = Myopenip_V1_TermsVersionState(record.state(inForce: inForce, at: now))
        if let withdrawnAt = record.withdrawnAt { self.withdrawnAt = Google_Protobuf_Timestamp(withdrawnAt) }
        withdrawnBy = record.withdrawnBy ?? ""
    }
}

extension Myopenip_V1_TermsVersionState {
    init(_ state: TermsVersionState) {
        switch state {
        case .scheduled: self = .scheduled
        case .inForce: self = .inForce
        case .superseded: self = .superseded
        case .withdrawn: self = .withdrawn
        }
    }
}
