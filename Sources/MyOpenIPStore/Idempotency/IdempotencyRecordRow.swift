import Foundation
import GRDB
import MyOpenIPDomain

/// A row of `idempotency_record`: a caller's key, what it asked, and once the write ended, its
/// answer.
struct IdempotencyRecordRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "idempotency_record"

    var id: Int64?
    var caller: String
    var idempotencyKey: String
    var method: String
    var requestDigest: Data
    var createdAt: Int64
    /// Set by the write's own transaction (``KeyedWrite``): the write is done.
    var committedAt: Int64?
    /// Set when the answer is kept.
    var completedAt: Int64?
    var statusCode: Int32?
    var message: String?
    var reason: String?
    var field: String?
    var metadata: String?
    var payload: Data?

    enum CodingKeys: String, CodingKey {
        case id, caller, method, message, reason, field, metadata, payload
        case idempotencyKey = "idempotency_key"
        case requestDigest = "request_digest"
        case createdAt = "created_at"
        case committedAt = "committed_at"
        case completedAt = "completed_at"
        case statusCode = "status_code"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let caller = Column(CodingKeys.caller)
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
        static let createdAt = Column(CodingKeys.createdAt)
        static let committedAt = Column(CodingKeys.committedAt)
        static let completedAt = Column(CodingKeys.completedAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ claim: IdempotencyClaim, at now: Timestamp) {
        caller = claim.caller
        idempotencyKey = claim.key
        method = claim.method
        requestDigest = claim.requestDigest
        createdAt = now.milliseconds
    }

    /// What this record says of `claim`, which has the same caller and key.
    func status(for claim: IdempotencyClaim) -> IdempotencyStatus {
        guard method == claim.method, requestDigest == claim.requestDigest else { return .mismatch }
        guard completedAt != nil, let statusCode else { return .inProgress }
        return .replay(
            IdempotencyOutcome(
                statusCode: statusCode, message: message ?? "", reason: reason, field: field,
                metadata: metadata.map(JSONText.decode) ?? [:], payload: payload ?? Data()))
    }

    /// Keeps `outcome` as the answer, completed at `now`.
    mutating func keep(_ outcome: IdempotencyOutcome, at now: Timestamp) {
        completedAt = now.milliseconds
        statusCode = outcome.statusCode
        message = outcome.message
        reason = outcome.reason
        field = outcome.field
        metadata = outcome.metadata.isEmpty ? nil : JSONText.encode(outcome.metadata)
        payload = outcome.payload
    }

    /// The column values that keep `outcome` as the answer, completed at `now`.
    static func completion(_ outcome: IdempotencyOutcome, at now: Timestamp) -> [ColumnAssignment] {
        [
            Columns.completedAt.set(to: now.milliseconds), Column(CodingKeys.statusCode).set(to: outcome.statusCode),
            Column(CodingKeys.message).set(to: outcome.message), Column(CodingKeys.reason).set(to: outcome.reason),
            Column(CodingKeys.field).set(to: outcome.field),
            Column(CodingKeys.metadata).set(to: outcome.metadata.isEmpty ? nil : JSONText.encode(outcome.metadata)),
            Column(CodingKeys.payload).set(to: outcome.payload),
        ]
    }

    /// Keeps `outcome` as the answer of the record `id`, unless it already has one.
    static func complete(_ id: Int64, with outcome: IdempotencyOutcome, at now: Timestamp, in db: Database) throws {
        try filter(key: id).filter(Columns.completedAt == nil).updateAll(db, completion(outcome, at: now))
    }

    /// The record of `claim`'s caller and key, if there is one, among the records `candidates`
    /// (the ids ``IdempotencyKeyIndex`` gives for it): the newest that is really its.
    static func fetch(_ claim: IdempotencyClaim, among candidates: [Int64], in db: Database) throws -> IdempotencyRecordRow? {
        guard !candidates.isEmpty else { return nil }
        let statement = try db.cachedStatement(sql: "SELECT * FROM idempotency_record WHERE id = ?")
        var found: IdempotencyRecordRow?
        for id in candidates {
            guard let row = try IdempotencyRecordRow.fetchOne(statement, arguments: [id]),
                row.caller == claim.caller, row.idempotencyKey == claim.key, (row.id ?? 0) > (found?.id ?? 0)
            else { continue }
            found = row
        }
        return found
    }

    /// Inserts the record of `claim`, committed at `now` by the write whose transaction this is,
    /// with its answer (a payload, status OK) when there is one, and tells `keys`; returns its id.
    /// A statement prepared once: every keyed write inserts one, at the end of the table.
    static func insertCommitted(
        _ claim: IdempotencyClaim, at now: Timestamp, answer: Data?, keys: IdempotencyKeyIndex, in db: Database
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO idempotency_record (caller, idempotency_key, method, request_digest, created_at, committed_at,
                    completed_at, status_code, message, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?5, iif(?6 IS NULL, NULL, ?5), iif(?6 IS NULL, NULL, 0),
                    iif(?6 IS NULL, NULL, ''), ?6)
                """
        ).execute(arguments: [claim.caller, claim.key, claim.method, claim.requestDigest, now.milliseconds, answer])
        let id = db.lastInsertedRowID
        keys.inserted(id, caller: claim.caller, key: claim.key, createdAt: now.milliseconds)
        return id
    }

    /// Inserts this record, in the writer's transaction, and tells `keys`.
    mutating func insert(keys: IdempotencyKeyIndex, in db: Database) throws {
        try insert(db)
        keys.inserted(id!, caller: caller, key: idempotencyKey, createdAt: createdAt)
    }

    /// Deletes the record `id`.
    static func delete(_ id: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM idempotency_record WHERE id = ?").execute(arguments: [id])
    }
}
