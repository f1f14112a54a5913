import Foundation
import GRDB
import MyOpenIPDomain

/// ``IdempotencyRepository`` on the daemon's SQLite database (table `idempotency_record`).
public struct SQLiteIdempotencyRepository: IdempotencyRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    public func reserve(_ claim: IdempotencyClaim, at now: Timestamp, expiredBefore: Timestamp) async throws -> IdempotencyReservation {
        try await writer.write { db in
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, method, request_digest, created_at, completed_at, status_code, message, reason, field, metadata, payload
                    FROM idempotency_record WHERE caller = ? AND idempotency_key = ?
                    """,
                arguments: [claim.caller, claim.key])
            {
                let id: Int64 = row["id"]
                if (row["created_at"] as Int64) >= expiredBefore.milliseconds {
                    return Self.reservation(of: row, for: claim)
                }
                try db.execute(sql: "DELETE FROM idempotency_record WHERE id = ?", arguments: [id])
            }
            try db.execute(
                sql: """
                    INSERT INTO idempotency_record (caller, idempotency_key, method, request_digest, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [claim.caller, claim.key, claim.method, claim.requestDigest, now.milliseconds])
            return .reserved(id: db.lastInsertedRowID)
        }
    }

    private static func reservation(of row: Row, for claim: IdempotencyClaim) -> IdempotencyReservation {
        guard row["method"] as String == claim.method, row["request_digest"] as Data == claim.requestDigest else { return .mismatch }
        guard (row["completed_at"] as Int64?) != nil else { return .inProgress }
        return .replay(IdempotencyOutcome(
            statusCode: row["status_code"], message: row["message"] ?? "", reason: row["reason"], field: row["field"],
            metadata: (row["metadata"] as String?).map(JSONText.decode) ?? [:], payload: row["payload"] ?? Data()))
    }

    public func complete(reservation id: Int64, with outcome: IdempotencyOutcome, at now: Timestamp) async throws {
        try await writer.write { db in
            try Self.complete(db, where: "id = ? AND completed_at IS NULL", [id], with: outcome, at: now)
        }
    }

    public func release(reservation id: Int64, recordingIfCommitted lost: IdempotencyOutcome, at now: Timestamp) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM idempotency_record WHERE id = ? AND completed_at IS NULL AND committed_at IS NULL", arguments: [id])
            if db.changesCount == 0 {
                try Self.complete(db, where: "id = ? AND completed_at IS NULL", [id], with: lost, at: now)
            }
        }
    }

    private static func complete(
        _ db: Database, where condition: String, _ arguments: StatementArguments, with outcome: IdempotencyOutcome, at now: Timestamp
    ) throws {
        let values: StatementArguments = [
            now.milliseconds, outcome.statusCode, outcome.message, outcome.reason, outcome.field,
            outcome.metadata.isEmpty ? nil : JSONText.encode(outcome.metadata), outcome.payload,
        ]
        try db.execute(
            sql: """
                UPDATE idempotency_record
                SET completed_at = ?, status_code = ?, message = ?, reason = ?, field = ?, metadata = ?, payload = ?
                WHERE \(condition)
                """,
            arguments: values + arguments)
    }

    public func removeExpired(before cutoff: Timestamp) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM idempotency_record WHERE created_at < ?", arguments: [cutoff.milliseconds])
            return db.changesCount
        }
    }

    public func closeInterrupted(recording lost: IdempotencyOutcome, at now: Timestamp) throws -> (answersLost: Int, keysFreed: Int) {
        try writer.write { db in
            try Self.complete(db, where: "completed_at IS NULL AND committed_at IS NOT NULL", [], with: lost, at: now)
            let answersLost = db.changesCount
            try db.execute(sql: "DELETE FROM idempotency_record WHERE completed_at IS NULL")
            return (answersLost, db.changesCount)
        }
    }
}
