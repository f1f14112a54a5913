import GRDB
import MyOpenIPDomain

/// Versions of the terms of use and of the sales conditions, and the acceptances of the terms of
/// use. Each document has its own version in force; version numbers are shared by both.
public protocol TermsRepository: Sendable {
    /// Publishes a version of `document`. Throws ``TermsViolation/beforeInForce`` when it would
    /// come into force before the version of `document` in force; versions scheduled later do not
    /// matter (versions come into force in the order of their dates).
    func publish(_ draft: TermsDraft, document: TermsDocument, context: AuditContext, at now: Timestamp) async throws
        -> TermsRecord
    /// Withdraws a version not yet in force, of either document, so that it never comes into
    /// force. Throws ``TermsViolation/notFound`` or ``TermsViolation/alreadyInForce``; withdrawing
    /// a withdrawn version again changes nothing.
    func withdraw(version: Int64, context: AuditContext, at now: Timestamp) async throws -> TermsRecord
    /// Every version of `document`, newest first.
    func all(document: TermsDocument) async throws -> [TermsRecord]
    /// One version, of either document.
    func version(_ version: Int64) async throws -> TermsRecord?
    /// The version of `document` in force at `now`: of its versions not withdrawn whose effective
    /// date has come, the one with the latest date (on the same date, the last published). The
    /// version of the terms of use in force is the one sessions must accept.
    func inForce(document: TermsDocument, at now: Timestamp) async throws -> TermsRecord?
    /// Records that the account accepted `version` of the terms of use; accepting twice keeps the
    /// first time.
    func accept(version: Int64, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> Timestamp
    /// Whether the account accepted `version`.
    func hasAccepted(version: Int64, accountID: Int64) async throws -> Bool
}

/// ``TermsRepository`` on the daemon's SQLite database.
public struct SQLiteTermsRepository: TermsRepository {
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    public func publish(_ draft: TermsDraft, document: TermsDocument, context: AuditContext, at now: Timestamp) async throws
        -> TermsRecord
    {
        try await writes.write { db in
            if let inForce = try TermsVersionRow.inForce(document, at: now).fetchOne(db),
                draft.effectiveAt.milliseconds < inForce.effectiveAt
            {
                throw TermsViolation.beforeInForce
            }
            var row = TermsVersionRow(
                document: document.rawValue, title: draft.title, text: draft.text, effectiveAt: draft.effectiveAt.milliseconds,
                publishedAt: now.milliseconds, publishedBy: context.actor)
            try row.insert(db)
            try AuditTrail.append(
                .termsPublished, accountID: nil,
                details: [
                    "version": String(row.id!), "document": document.rawValue, "effective_at": draft.effectiveAt.iso8601,
                    "title": draft.title,
                ],
                context: context, at: now, in: db)
            return try row.record()
        }
    }

    public func withdraw(version: Int64, context: AuditContext, at now: Timestamp) async throws -> TermsRecord {
        try await writes.write { db in
            guard var row = try TermsVersionRow.fetchOne(db, key: version) else { throw TermsViolation.notFound }
            if row.withdrawnAt != nil { return try row.record() }
            guard row.effectiveAt > now.milliseconds else { throw TermsViolation.alreadyInForce }
            row.withdrawnAt = now.milliseconds
            row.withdrawnBy = context.actor
            try row.update(db)
            try AuditTrail.append(
                .termsWithdrawn, accountID: nil,
                details: [
                    "version": String(version), "document": row.document,
                    "effective_at": Timestamp(milliseconds: row.effectiveAt).iso8601, "title": row.title,
                ],
                context: context, at: now, in: db)
            return try row.record()
        }
    }

    public func all(document: TermsDocument) async throws -> [TermsRecord] {
        try await reads.read { db in
            try TermsVersionRow.of(document).order(TermsVersionRow.Columns.id.desc).fetchAll(db).map { try $0.record() }
        }
    }

    public func version(_ version: Int64) async throws -> TermsRecord? {
        try await reads.read { db in try TermsVersionRow.fetchOne(db, key: version)?.record() }
    }

    public func inForce(document: TermsDocument, at now: Timestamp) async throws -> TermsRecord? {
        try await reads.read { db in
            try TermsVersionRow.inForce(document, at: now).fetchOne(db)?.record()
        }
    }

    public func accept(version: Int64, accountID: Int64, context: AuditContext, at now: Timestamp) async throws -> Timestamp {
        try await writes.write { db in
            if let earlier = try TermsAcceptanceRow.fetchOne(db, key: ["account_id": accountID, "terms_version_id": version]) {
                return Timestamp(milliseconds: earlier.acceptedAt)
            }
            try TermsAcceptanceRow(accountID: accountID, termsVersionID: version, acceptedAt: now.milliseconds).insert(db)
            try AuditTrail.append(
                .termsAccepted, accountID: accountID, details: ["version": String(version)], context: context, at: now, in: db)
            return now
        }
    }

    public func hasAccepted(version: Int64, accountID: Int64) async throws -> Bool {
        try await reads.read { db in
            try TermsAcceptanceRow.exists(db, key: ["account_id": accountID, "terms_version_id": version])
        }
    }
}
