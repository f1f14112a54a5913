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
            let latest = try TermsVersionRow.select(max(TermsVersionRow.Columns.effectiveAt), as: Int64.self).fetchOne(db)
            if let latest, draft.effectiveAt.milliseconds < latest {
                throw TermsViolation.olderThanLatest
            }
            var row = TermsVersionRow(
                title: draft.title, text: draft.text, effectiveAt: draft.effectiveAt.milliseconds, publishedAt: now.milliseconds,
                publishedBy: context.actor)
            try row.insert(db)
            try AuditTrail.append(
                .termsPublished, accountID: nil,
                details: ["version": String(row.id!), "effective_at": draft.effectiveAt.iso8601, "title": draft.title],
                context: context, at: now, in: db)
            return row.record
        }
    }

    public func all() async throws -> [TermsRecord] {
        try await writer.read { db in
            try TermsVersionRow.order(TermsVersionRow.Columns.id.desc).fetchAll(db).map(\.record)
        }
    }

    public func version(_ version: Int64) async throws -> TermsRecord? {
        try await writer.read { db in try TermsVersionRow.fetchOne(db, key: version)?.record }
    }

    public func inForce(at now: Timestamp) async throws -> TermsRecord? {
        try await writer.read { db in
            try TermsVersionRow.filter(TermsVersionRow.Columns.effectiveAt <= now.milliseconds)
                .order(TermsVersionRow.Columns.id.desc).fetchOne(db)?.record
        }
    }

    public func accept(version: Int64, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> Timestamp {
        try await writer.write { db in
            if let earlier = try TermsAcceptanceRow.fetchOne(db, key: ["account_id": accountID, "terms_version_id": version]) {
                return Timestamp(milliseconds: earlier.acceptedAt)
            }
            try TermsAcceptanceRow(accountID: accountID, termsVersionID: version, acceptedAt: now.milliseconds).insert(db)
            try AuditTrail.append(
                .termsAccepted, accountID: accountID, details: ["version": String(version)], context: context, at: now, in: db)
            return now
        }
    }
}
