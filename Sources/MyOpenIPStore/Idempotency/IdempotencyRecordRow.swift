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
    /// Set by the write's own transaction (``markCommitted(_:at:in:)``): the write is done.
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
    func reservation(for claim: IdempotencyClaim) -> IdempotencyReservation {
        guard method == claim.method, requestDigest == claim.requestDigest else { return .mismatch }
        guard completedAt != nil, let statusCode else { return .inProgress }
        return .replay(
            IdempotencyOutcome(
                statusCode: statusCode, message: message ?? "", reason: reason, field: field,
                metadata: metadata.map(JSONText.decode) ?? [:], payload: payload ?? Data()))
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

    /// Marks the record `id` committed, in the transaction of the write it covers.
    static func markCommitted(_ id: Int64, at now: Timestamp, in db: Database) throws {
        try IdempotencyRecordRow.filter(key: id).filter(Columns.committedAt == nil).updateAll(
            db, Columns.committedAt.set(to: now.milliseconds))
    }
}
