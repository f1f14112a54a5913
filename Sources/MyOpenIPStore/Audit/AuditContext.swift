/// Who makes a change and under which request: written into the audit event of every mutation.
public struct AuditContext: Sendable, Hashable {
    /// A login, `operator(uid=…)`, or `anonymous`.
    public var actor: String
    public var requestID: String?
    /// The idempotency record of the keyed call making the change, if any: the change's
    /// transaction marks it committed, so that a stop before the answer is kept never lets a
    /// retry write again.
    public var idempotencyRecordID: Int64?

    public init(actor: String, requestID: String? = nil, idempotencyRecordID: Int64? = nil) {
        self.actor = actor
        self.requestID = requestID
        self.idempotencyRecordID = idempotencyRecordID
    }
}
