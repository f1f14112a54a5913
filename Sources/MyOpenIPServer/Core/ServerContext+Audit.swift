import MyOpenIPRPC
import MyOpenIPStore

extension ServerContext {
    /// The audit facts of a change made by this call: who, and under which request.
    var audit: AuditContext {
        AuditContext(actor: principal.description, requestID: requestID)
    }
}
