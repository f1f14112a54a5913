import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension AccountKind {
    init?(_ kind: Myopenip_V1_AccountKind) {
        switch kind {
        case .operatorStaff: self = .operatorStaff
        case .partnerUser: self = .partnerUser
        case .clientUser: self = .clientUser
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_AccountKind {
        switch self {
        case .operatorStaff: return .operatorStaff
        case .partnerUser: return .partnerUser
        case .clientUser: return .clientUser
        }
    }
}

extension AccountState {
    init?(_ state: Myopenip_V1_AccountState) {
        switch state {
        case .pendingPassword: self = .pendingPassword
        case .active: self = .active
        case .locked: self = .locked
        case .disabled: self = .disabled
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_AccountState {
        switch self {
        case .pendingPassword: return .pendingPassword
        case .active: return .active
        case .locked: return .locked
        case .disabled: return .disabled
        }
    }
}

extension Myopenip_V1_Account {
    /// The account as callers see it at `now` (never its password hash).
    init(_ record: AccountRecord, at now: Timestamp) {
        self.init()
        login = record.login.description
        displayName = record.displayName
        email = record.email
        kind = record.kind.proto
        state = record.state(at: now).proto
        companyReference = record.companyReference ?? ""
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        if let instant = record.passwordSetAt { passwordSetAt = Google_Protobuf_Timestamp(instant) }
        if let lockedUntil = record.lock(at: now) { self.lockedUntil = Google_Protobuf_Timestamp(lockedUntil) }
        failedLogins = UInt32(clamping: record.failedLogins)
        acceptedTermsVersion = record.acceptedTermsVersion ?? 0
    }
}

extension AccountLogin {
    /// The login of a request field, or INVALID_ARGUMENT.
    static func required(_ text: String) throws(DomainViolation) -> AccountLogin {
        guard let login = AccountLogin(parsing: text.trimmingCharacters(in: .whitespaces)) else {
            throw IdentityMessages.loginInvalid
        }
        return login
    }
}
