import GRDB
import MyOpenIPDomain

/// Versions of the terms of use and their acceptances.
public protocol TermsRepository: Sendable {
    /// Publishes a version. Throws ``TermsViolation/olderThanLatest`` when it would come
    /// into force before the latest published version.
    func publish(_ draft: TermsDraft, context: AuditContext, at now: Timestamp) async throws -> TermsRecord
    /// Every version, newest first.
    func all() async throws -> [TermsRecord]
    func version(_ version: Int64) async throws -> TermsRecord?
    /// The version in force at `now`: the latest whose effective date has come.
    func inForce(at now: Timestamp) async throws -> TermsRecord?
    /// Records that the account accepted `version`; accepting twice keeps the first time.
    func accept(version: Int64, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> Timestamp
}

/// ``TermsRepository`` on the daemon's SQLite database.
public struct SQLiteTermsRepository: TermsRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func publish(_ draft: TermsDraft, context: AuditContext, at now: Timestamp) async throws -> TermsRecord {
        try await writer.write { db in
            if let latest = try Int64.fetchOne(db, sql: "SELECT MAX(effective_at) FROM terms_version"),
               draft.effectiveAt.milliseconds < latest {
                throw TermsViolation.olderThanLatest
            }
            try db.execute(
                sql: "INSERT INTO terms_version (title, text, effective_at, published_at, published_by) VALUES (?, ?, ?, ?, ?)",
                arguments: [draft.title, draft.text, draft.effectiveAt.milliseconds, now.milliseconds, context.actor])
            let id = db.lastInsertedRowID
            try AuditTrail.append(
                .termsPublished, accountID: nil,
                details: ["version": String(id), "effective_at": draft.effectiveAt.iso8601, "title": draft.title],
                context: context, at: now, in: db)
            return TermsRecord(row: try Row.fetchOne(db, sql: "SELECT * FROM terms_version WHERE id = ?", arguments: [id])!)
        }
    }

    public func all() async throws -> [TermsRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM terms_version ORDER BY id DESC").map(TermsRecord.init(row:))
        }
    }

    public func version(_ version: Int64) async throws -> TermsRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM terms_version WHERE id = ?", arguments: [version]).map(TermsRecord.init(row:))
        }
    }

    public func inForce(at now: Timestamp) async throws -> TermsRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM terms_version WHERE effective_at <= ? ORDER BY id DESC LIMIT 1",
                arguments: [now.milliseconds]
            ).map(TermsRecord.init(row:))
        }
    }

    public func accept(version: Int64, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> Timestamp {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO terms_acceptance (account_id, terms_version_id, accepted_at) VALUES (?, ?, ?)",
                arguments: [accountID, version, now.milliseconds])
            if db.changesCount > 0 {
                try AuditTrail.append(
                    .termsAccepted, accountID: accountID, details: ["version": String(version)], context: context, at: now, in: db)
            }
            let accepted = try Int64.fetchOne(
                db, sql: "SELECT accepted_at FROM terms_acceptance WHERE account_id = ? AND terms_version_id = ?",
                arguments: [accountID, version]) ?? now.milliseconds
            return Timestamp(milliseconds: accepted)
        }
    }
}
