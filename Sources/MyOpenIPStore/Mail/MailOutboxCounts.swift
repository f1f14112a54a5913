import GRDB

/// How many mails wait in the outbox and how many failed for good, for the daemon's metrics
/// (the `mail_outbox_by_state` index answers both).
public struct MailOutboxCounts: Sendable, Hashable {
    public var pending: Int
    public var failed: Int

    public static func read(_ db: Database) throws -> MailOutboxCounts {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT state, count(*) FROM mail_outbox GROUP BY state"))
        var counts = MailOutboxCounts(pending: 0, failed: 0)
        for row in rows {
            let state: String = row[0]
            let count: Int = row[1]
            switch state {
            case "failed": counts.failed += count
            case "sent", "cancelled": break
            default: counts.pending += count
            }
        }
        return counts
    }
}
