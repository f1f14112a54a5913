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

extension Myopenip_V1_AccountKind {
    var name: String {
        switch self {
        case .operatorStaff: return "operator-staff"
        case .partnerUser: return "partner-user"
        case .clientUser: return "client-user"
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_AccountState {
    var name: String {
        switch self {
        case .pendingPassword: return "pending-password"
        case .active: return "active"
        case .locked: return "locked"
        case .disabled: return "disabled"
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}

extension Myopenip_V1_Account {
    static let tableHeader = ["LOGIN", "NAME", "EMAIL", "KIND", "STATE", "COMPANY"]

    var tableRow: [String] {
        [login, displayName, email, kind.name, state.name, companyReference.isEmpty ? "-" : companyReference]
    }

    /// Every field as `label: value` lines.
    var fields: [(String, String)] {
        [
            ("login", login), ("name", displayName), ("email", email), ("kind", kind.name), ("state", state.name),
            ("company", companyReference.isEmpty ? "-" : companyReference), ("created", createdAt.iso8601),
            ("password set", hasPasswordSetAt ? passwordSetAt.iso8601 : "-"),
            ("locked until", hasLockedUntil ? lockedUntil.iso8601 : "-"), ("failed logins", String(failedLogins)),
            ("terms accepted", acceptedTermsVersion == 0 ? "-" : "version \(acceptedTermsVersion)"),
        ]
    }
}
