import Foundation
import GRDB
import MyOpenIPDomain

/// Which mails a list returns.
public struct MailFilter: Sendable, Hashable {
    public var accountLogin: AccountLogin?
    public var unsentOnly: Bool
    /// Only the mails in this state.
    public var state: MailDeliveryState?

    public init(accountLogin: AccountLogin? = nil, unsentOnly: Bool = false, state: MailDeliveryState? = nil) {
        self.accountLogin = accountLogin
        self.unsentOnly = unsentOnly
        self.state = state
    }
}

/// The durable outbox of mails. Mails are queued by the repositories of the changes they tell
/// of, in the same transaction; a sender reads the unsent ones and marks each one sent.
public protocol MailOutboxRepository: Sendable {
    /// Mails, newest first.
    func mails(_ filter: MailFilter, page: PageRequest) async throws -> Page<MailRecord>
    func mail(id: Int64) async throws -> MailRecord?
    /// Marks a mail sent by hand and blanks the secret out of its text; nil for an unknown id.
    /// Marking a sent mail again changes nothing; a mail being sent, or cancelled, cannot be
    /// marked (``MailStateConflict``).
    func markSent(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord?
}

/// ``MailOutboxRepository`` on the daemon's SQLite database.
public struct SQLiteMailOutboxRepository: MailOutboxRepository {
    /// What replaces a link's token in the text of a sent mail.
    public static let blankedSecret = "[lien envoyé]"

    let writer: any DatabaseWriter

    /// Reads on the calling thread.

    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        writer = store.writer
        reads = store.reads
        writes = store.writes
    }

    public func mails(_ filter: MailFilter, page: PageRequest) async throws -> Page<MailRecord> {
        var request = MailOutboxRow.filter(MailOutboxRow.Columns.id < (page.cursor ?? Int64.max))
        if let login = filter.accountLogin { request = request.filter(MailOutboxRow.Columns.accountID == login.sequence) }
        if filter.unsentOnly { request = request.filter(MailOutboxRow.Columns.sentAt == nil) }
        if let state = filter.state { request = request.filter(MailOutboxRow.Columns.state == state.rawValue) }
        let newestFirst = request.order(MailOutboxRow.Columns.id.desc).limit(page.limit + 1)
        return try await reads.readPage { db in
            Page(fetched: try newestFirst.fetchAll(db).map(\.record), limit: page.limit, id: \.id)
        }
    }

    public func mail(id: Int64) async throws -> MailRecord? {
        try await reads.read { db in try MailOutboxRow.fetchOne(db, key: id)?.record }
    }

    public func markSent(id: Int64, context: AuditContext, at now: Timestamp) async throws -> MailRecord? {
        let (record, blanked) = try await writes.write { db -> (MailRecord?, Bool) in
            guard var row = try MailOutboxRow.fetchOne(db, key: id) else { return (nil, false) }
            guard row.deliveryState != .sending, row.deliveryState != .cancelled else {
                throw MailStateConflict(state: row.deliveryState)
            }
            var blanked = false
            if row.sentAt == nil {
                blanked = row.blankSecret()
                row.sentAt = now.milliseconds
                row.endedAt = now.milliseconds
                row.state = MailDeliveryState.sent.rawValue
                row.nextAttemptAt = nil
                row.attempts += 1
                try row.update(db)
                try AuditTrail.append(
                    .mailSent, accountID: row.accountID, details: ["mail": String(id)], context: context, at: now, in: db)
            }
            return (row.record, blanked)
        }
        // The link's token is gone from the table; the journal still holds the page written when
        // the mail was queued, until it is checkpointed and emptied.
        if blanked { await writer.truncateJournal() }
        return record
    }
}
