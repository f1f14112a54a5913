extension AuditAction {
    public static let accountCreated = AuditAction(rawValue: "account.created")
    public static let accountUpdated = AuditAction(rawValue: "account.updated")
    public static let accountDisabled = AuditAction(rawValue: "account.disabled")
    public static let accountEnabled = AuditAction(rawValue: "account.enabled")
    public static let accountLocked = AuditAction(rawValue: "account.locked")
    public static let passwordLinkIssued = AuditAction(rawValue: "password.link_issued")
    public static let passwordSet = AuditAction(rawValue: "password.set")
    public static let passwordChanged = AuditAction(rawValue: "password.changed")
    public static let loginSucceeded = AuditAction(rawValue: "login.succeeded")
    public static let loginFailed = AuditAction(rawValue: "login.failed")
    public static let sessionRevoked = AuditAction(rawValue: "session.revoked")

    /// The actions of accounts, passwords and sessions.
    public static let identityActions: [AuditAction] = [
        accountCreated, accountUpdated, accountDisabled, accountEnabled, accountLocked, passwordLinkIssued, passwordSet,
        passwordChanged,
        loginSucceeded, loginFailed, sessionRevoked,
    ]
}
