import ArgumentParser
import MyOpenIPClient

/// `--kind` values.
enum AccountKindArgument: String, ExpressibleByArgument, CaseIterable {
    case operatorStaff = "operator-staff"
    case partnerUser = "partner-user"
    case clientUser = "client-user"

    var proto: Myopenip_V1_AccountKind {
        switch self {
        case .operatorStaff: return .operatorStaff
        case .partnerUser: return .partnerUser
        case .clientUser: return .clientUser
        }
    }
}

/// `--state` values.
enum AccountStateArgument: String, ExpressibleByArgument, CaseIterable {
    case pendingPassword = "pending-password"
    case active, locked, disabled

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
    static let tableHeader = ["LOGIN", "NAME", "EMAIL", "KIND", "STATE", "COMPANY"]

    var tableRow: [String] {
        [login, displayName, email, kind.label, state.label, companyReference.isEmpty ? "-" : companyReference]
    }

    /// Every field as `label: value` lines.
    var fields: [(String, String)] {
        [
            ("login", login), ("name", displayName), ("email", email), ("kind", kind.label), ("state", state.label),
            ("company", companyReference.isEmpty ? "-" : companyReference), ("created", createdAt.shown),
            ("password set", hasPasswordSetAt ? passwordSetAt.shown : "-"),
            ("locked until", hasLockedUntil ? lockedUntil.shown : "-"), ("failed logins", String(failedLogins)),
            ("terms accepted", acceptedTermsVersion == 0 ? "-" : "version \(acceptedTermsVersion)"),
        ]
    }
}
