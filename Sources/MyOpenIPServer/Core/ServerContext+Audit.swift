import MyOpenIPRPC
import MyOpenIPStore

extension ServerContext {
    /// The audit facts of a change made by this call: who, under which request, and the
    /// idempotency record its transaction marks committed.
    var audit: AuditContext {
        AuditContext(actor: principal.description, requestID: requestID, idempotencyRecordID: idempotencyRecordID)
    }
}
