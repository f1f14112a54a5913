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
        var event = AuditEventRow(
            occurredAt: time.milliseconds, actor: context.actor, action: action.rawValue, accountID: accountID,
            companyID: companyID, details: JSONText.encode(details), requestID: context.requestID)
        try event.insert(db)
    }
}
