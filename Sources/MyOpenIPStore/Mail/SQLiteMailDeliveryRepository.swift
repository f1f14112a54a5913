import Foundation
import GRDB
import MyOpenIPDomain

/// ``MailDeliveryRepository`` on the daemon's SQLite database. A claim is one transaction that
/// moves waiting mails to `sending` under a lease: two daemons sharing the database never claim
/// the same mail, since SQLite runs one write transaction at a time.
public struct SQLiteMailDeliveryRepository: MailDeliveryRepository {
    /// What an attempt cut short after the end of the data leaves on its mail.
    public static let uncertainError =
        "interrupted after the end of the data was sent: the server may have the mail; "
        + "it is not sent again unless retried by hand"

    let writer: any DatabaseWriter
    let reads: StoreReads
    let writes: GroupCommit

    public init(store: Store) {
        writer = store.writer
        reads = store.reads
        writes = store.writes
    }

    public func claimDue(owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws -> [MailToSend] {
        try await writes.write { db in
            let rows = try MailOutboxRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM mail_outbox WHERE state IN ('queued', 'retrying') AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: [now.milliseconds, limit])
            return try rows.map { row in
                let id = row.id!
                let attempt = row.attempts + 1
                try db.execute(
                    sql: """
                        UPDATE mail_outbox SET state = 'sending', lease_owner = ?, lease_until = ?, attempts = ?,
                            handed_over_at = NULL
                        WHERE id = ?
                        """,
                    arguments: [owner, leaseUntil.milliseconds, attempt, id])
                try db.execute(
                    sql: "INSERT INTO mail_attempt (mail_id, number, owner, started_at) VALUES (?, ?, ?, ?)",
                    arguments: [id, attempt, owner, now.milliseconds])
                let attachments = try Row.fetchAll(
                    db, sql: "SELECT filename, content_type, data FROM mail_attachment WHERE mail_id = ? ORDER BY id",
                    arguments: [id]
                ).map { MailAttachment(filename: $0[0], contentType: $0[1], data: [UInt8]($0[2] as Data)) }
                return MailToSend(
                    id: id, recipient: row.recipient, subject: row.subject, body: row.body, messageID: row.messageID,
                    queuedAt: Timestamp(milliseconds: row.createdAt), attempt: attempt, attachments: attachments)
            }
        }
    }

    public func release(_ mails: [MailToSend], owner: String, at now: Timestamp) async throws {
        guard !mails.isEmpty else { return }
        try await writes.write { db in
            for mail in mails {
                let held =
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT 1 FROM mail_outbox WHERE id = ? AND state = 'sending' AND lease_owner = ? AND attempts = ?",
                        arguments: [mail.id, owner, mail.attempt]) ?? false
                guard held else { continue }
                try db.execute(
                    sql: "DELETE FROM mail_attempt WHERE mail_id = ? AND number = ? AND ended_at IS NULL",
                    arguments: [mail.id, mail.attempt])
                try db.execute(
                    sql: """
                        UPDATE mail_outbox SET state = CASE WHEN attempts = 1 THEN 'queued' ELSE 'retrying' END,
                            attempts = attempts - 1, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL
                        WHERE id = ?
                        """,
                    arguments: [now.milliseconds, mail.id])
            }
        }
    }

    public func handOver(_ mail: MailToSend, owner: String, at now: Timestamp) async throws {
        try await writes.write { db in
            try db.execute(
                sql:
                    "UPDATE mail_outbox SET handed_over_at = ? WHERE id = ? AND state = 'sending' AND lease_owner = ? AND attempts = ?",
                arguments: [now.milliseconds, mail.id, owner, mail.attempt])
        }
    }

    @discardableResult
    public func finish(
        _ mail: MailToSend, owner: String, outcome: MailAttemptOutcome, decision: MailDecision, context: AuditContext,
        at now: Timestamp
    ) async throws -> Bool {
        try await writes.write { db -> Bool in
            guard var row = try MailOutboxRow.fetchOne(db, key: mail.id), row.deliveryState == .sending,
                row.leaseOwner == owner, row.attempts == mail.attempt
            else { return false }
            try Self.endAttempt(mail.id, number: mail.attempt, outcome, at: now, in: db)
            return try Self.settle(&row, decision, context: context, at: now, in: db)
        }
    }

    public func eraseBlankedSecrets() async {
        await writer.truncateJournal()
    }

    public func recoverInterrupted(owner: String?, context: AuditContext, at now: Timestamp) async throws
        -> InterruptedDeliveries
    {
        try await writes.write { db in
            let rows = try MailOutboxRow.fetchAll(
                db,
                sql: "SELECT * FROM mail_outbox WHERE state = 'sending' AND (lease_owner = ? OR lease_until < ?)",
                arguments: [owner, now.milliseconds])
            var found = InterruptedDeliveries(retried: 0, uncertain: 0)
            for var row in rows {
                let uncertain = row.handedOverAt != nil
                try db.execute(
                    sql: """
                        UPDATE mail_attempt SET ended_at = ?, outcome = 'interrupted', reply = ?
                        WHERE mail_id = ? AND number = ? AND ended_at IS NULL
                        """,
                    arguments: [
                        now.milliseconds,
                        uncertain
                            ? "the sender stopped after the end of the data" : "the sender stopped before the end of the data",
                        row.id, row.attempts,
                    ])
                if uncertain {
                    found.uncertain += 1
                    _ = try Self.settle(&row, .fail(Self.uncertainError), context: context, at: now, in: db)
                } else {
                    found.retried += 1
                    _ = try Self.settle(&row, .retry(at: now), context: context, at: now, in: db)
                }
            }
            return found
        }
    }

    public func nextDue() async throws -> Timestamp? {
        try await reads.readPage { db in
            try Int64.fetchOne(
                db, sql: "SELECT min(next_attempt_at) FROM mail_outbox WHERE state IN ('queued', 'retrying')"
            ).map(Timestamp.init(milliseconds:))
        }
    }

    public func attempts(of id: Int64) async throws -> [MailAttemptRecord] {
        try await reads.readPage { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT number, owner, started_at, ended_at, outcome, reply_code, reply FROM mail_attempt
                    WHERE mail_id = ? ORDER BY number
                    """,
                arguments: [id]
            ).map { row in
                MailAttemptRecord(
                    number: row[0], owner: row[1], startedAt: Timestamp(milliseconds: row[2]),
                    endedAt: (row[3] as Int64?).map(Timestamp.init(milliseconds:)), outcome: row[4], replyCode: row[5],
                    reply: row[6])
            }
        }
    }

    public func retry(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord? {
        try await writes.write { db in
            guard var row = try MailOutboxRow.fetchOne(db, key: id) else { return nil }
            guard row.deliveryState == .failed || row.deliveryState == .retrying || row.deliveryState == .queued else {
                throw MailStateConflict(state: row.deliveryState)
            }
            row.state = MailDeliveryState.retrying.rawValue
            row.nextAttemptAt = now.milliseconds
            row.endedAt = nil
            row.leaseOwner = nil
            row.leaseUntil = nil
            try row.update(db)
            try AuditTrail.append(
                .mailRetried, accountID: row.accountID, details: ["mail": String(id)], context: context, at: now, in: db)
            return row.record
        }
    }

    public func cancel(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord? {
        let (record, blanked) = try await writes.write { db -> (MailRecord?, Bool) in
            guard var row = try MailOutboxRow.fetchOne(db, key: id) else { return (nil, false) }
            guard row.deliveryState.isWaiting || row.deliveryState == .failed else {
                throw MailStateConflict(state: row.deliveryState)
            }
            let blanked = row.blankSecret()
            row.state = MailDeliveryState.cancelled.rawValue
            row.nextAttemptAt = nil
            row.endedAt = now.milliseconds
            try row.update(db)
            try AuditTrail.append(
                .mailCancelled, accountID: row.accountID, details: ["mail": String(id)], context: context, at: now, in: db)
            return (row.record, blanked)
        }
        if blanked { await writer.truncateJournal() }
        return record
    }

    /// Ends attempt `number` of mail `id` with `outcome`.
    private static func endAttempt(_ id: Int64, number: Int, _ outcome: MailAttemptOutcome, at now: Timestamp, in db: Database)
        throws
    {
        let (name, code, reply): (String, Int?, String) =
            switch outcome {
            case .delivered(let reply): ("delivered", reply.code, reply.description)
            case .refused(let reply): ("refused", reply.code, reply.description)
            case .deferred(let reason): ("deferred", Self.replyCode(in: reason), reason)
            }
        try db.execute(
            sql: """
                UPDATE mail_attempt SET ended_at = ?, outcome = ?, reply_code = ?, reply = ?
                WHERE mail_id = ? AND number = ? AND ended_at IS NULL
                """,
            arguments: [now.milliseconds, name, code, reply, id, number])
    }

    /// The reply code a deferral's reason starts with (`451 4.3.0 …`), if it does.
    private static func replyCode(in reason: String) -> Int? {
        let digits = reason.prefix(3)
        guard digits.count == 3, let code = Int(digits), (400..<600).contains(code) else { return nil }
        return code
    }

    /// Applies `decision` to a mail just out of an attempt; returns whether a secret was blanked.
    private static func settle(
        _ row: inout MailOutboxRow, _ decision: MailDecision, context: AuditContext, at now: Timestamp, in db: Database
    ) throws -> Bool {
        row.leaseOwner = nil
        row.leaseUntil = nil
        var blanked = false
        switch decision {
        case .sent:
            blanked = row.blankSecret()
            row.state = MailDeliveryState.sent.rawValue
            row.sentAt = now.milliseconds
            row.endedAt = now.milliseconds
            row.nextAttemptAt = nil
            row.lastError = nil
            try AuditTrail.append(
                .mailSent, accountID: row.accountID, details: ["mail": String(row.id!), "attempts": String(row.attempts)],
                context: context, at: now, in: db)
        case .retry(let at):
            row.state = MailDeliveryState.retrying.rawValue
            row.nextAttemptAt = at.milliseconds
            row.lastError = try lastReply(of: row, in: db)
        case .fail(let reason):
            row.state = MailDeliveryState.failed.rawValue
            row.endedAt = now.milliseconds
            row.nextAttemptAt = nil
            row.lastError = reason
            try AuditTrail.append(
                .mailFailed, accountID: row.accountID, details: ["mail": String(row.id!), "reason": reason],
                context: context, at: now, in: db)
        }
        row.handedOverAt = nil
        try row.update(db)
        return blanked
    }

    /// What the last attempt of `row` was told.
    private static func lastReply(of row: MailOutboxRow, in db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT reply FROM mail_attempt WHERE mail_id = ? AND number = ?", arguments: [row.id, row.attempts])
    }
}
