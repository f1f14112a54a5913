import GRDB
import MyOpenIPDomain

/// One stored audit event.
public struct AuditEventRecord: Sendable, Hashable {
    public var id: Int64
    public var occurredAt: Timestamp
    public var actor: String
    public var action: String
    public var accountLogin: String?
    /// The company the event is about, if any.
    public var companyReference: String?
    public var details: [String: String]
    public var requestID: String?
}

/// Writes audit events inside the transaction of the change they record.
enum AuditTrail {
    /// The facts that differ between two states of a record, as `before.<key>` and `after.<key>`.
    static func changes(before: [String: String], after: [String: String]) -> [String: String] {
        var details: [String: String] = [:]
        for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
            details["before." + key] = before[key] ?? ""
            details["after." + key] = after[key] ?? ""
        }
        return details
    }

    static func append(
        _ action: AuditAction, accountID: Int64?, companyID: Int64? = nil, details: [String: String] = [:],
        context: AuditContext, at time: Timestamp, in db: Database
    ) throws {
        // Every write inserts an event: a statement prepared once, not GRDB's record insert,
        // which builds its statement and its values anew each time.
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_event (occurred_at, actor, action, account_id, company_id, details, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            time.milliseconds, context.actor, action.rawValue, accountID, companyID, JSONText.encode(details),
            context.requestID,
        ])
    }
}
