import Foundation

/// Who the daemon believes is calling, as decided by the authentication interceptor.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    /// Nobody proven: only public methods (health, reflection, login) are open.
    case anonymous
    /// A local process of an allowed uid over the Unix socket: the operator, with every right.
    case operatorProcess(uid: UInt32)
    /// The holder of an open session of an account.
    case session(SessionIdentity)

    /// Whether this principal is operator staff: the operator's processes and staff accounts.
    public var isOperator: Bool {
        switch self {
        case .anonymous: return false
        case .operatorProcess: return true
        case .session(let identity): return identity.isOperatorStaff
        }
    }

    /// The session, when the caller is one.
    public var session: SessionIdentity? {
        if case .session(let identity) = self { return identity }
        return nil
    }

    /// How the audit trail and the logs name the caller: a login, `operator(uid=…)` or `anonymous`.
    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .operatorProcess(let uid): return "operator(uid=\(uid))"
        case .session(let identity): return identity.login
        }
    }
}

/// The account and session behind an authenticated call.
public struct SessionIdentity: Sendable, Hashable {
    public var accountID: Int64
    public var sessionID: Int64
    /// `E-` and 10 digits.
    public var login: String
    public var isOperatorStaff: Bool
    /// The company of a partner or client user.
    public var companyReference: String?
    /// The terms of use version in force that the account has not accepted yet, if any: until
    /// it does, only the methods allowed before the terms may be called.
    public var pendingTermsVersion: Int64?
    /// When the session ends if no other call comes (never later than its absolute end).
    public var expiresAt: Date?
    /// What the account's rights allow (permission names, e.g. `company.read`).
    public var permissions: Set<String>
    /// Whether the account's company is suspended: it reads, but does not write.
    public var companySuspended: Bool

    public init(
        accountID: Int64, sessionID: Int64, login: String, isOperatorStaff: Bool,
        companyReference: String? = nil, pendingTermsVersion: Int64? = nil, expiresAt: Date? = nil,
        permissions: Set<String> = [], companySuspended: Bool = false
    ) {
        self.companySuspended = companySuspended
        self.expiresAt = expiresAt
        self.permissions = permissions
        self.accountID = accountID
        self.sessionID = sessionID
        self.login = login
        self.isOperatorStaff = isOperatorStaff
        self.companyReference = companyReference
        self.pendingTermsVersion = pendingTermsVersion
    }
}
