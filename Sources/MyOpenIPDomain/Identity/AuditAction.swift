/// What an audit event records, as stable names that operators filter on.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case accountCreated = "account.created"
    case accountDisabled = "account.disabled"
    case accountEnabled = "account.enabled"
    case accountLocked = "account.locked"
    case passwordLinkIssued = "password.link_issued"
    case passwordSet = "password.set"
    case passwordChanged = "password.changed"
    case loginSucceeded = "login.succeeded"
    case loginFailed = "login.failed"
    case sessionRevoked = "session.revoked"
    case termsPublished = "terms.published"
    case termsAccepted = "terms.accepted"
    case mailSent = "mail.sent"
    case companyCreated = "company.created"
    case companyUpdated = "company.updated"
}
