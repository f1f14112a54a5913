/// The checked fields of a change to an account: nil leaves a field as it is.
public struct AccountChange: Sendable, Hashable {
    public let displayName: String?
    public let email: EmailAddress?

    /// Checks the fields given, in the order of the form; throws the first rule broken.
    public init(displayName: String?, email: String?) throws(DomainViolation) {
        self.displayName = try displayName.map { name throws(DomainViolation) in try AccountDraft.checkedDisplayName(name) }
        self.email = try email.map { address throws(DomainViolation) in try EmailAddress(address) }
    }
}
