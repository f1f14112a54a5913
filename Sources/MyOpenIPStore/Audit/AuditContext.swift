/// Who makes a change and under which request: written into the audit event of every mutation.
public struct AuditContext: Sendable, Hashable {
    /// A login, `operator(uid=…)`, or `anonymous`.
    public var actor: String
    public var requestID: String?

    public init(actor: String, requestID: String? = nil) {
        self.actor = actor
        self.requestID = requestID
    }
}
