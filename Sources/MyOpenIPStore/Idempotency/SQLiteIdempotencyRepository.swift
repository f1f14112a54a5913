import Foundation
import GRDB
import MyOpenIPDomain

/// ``IdempotencyRepository`` on the daemon's SQLite database (table `idempotency_record`).
public struct SQLiteIdempotencyRepository: IdempotencyRepository {
    let writer: any DatabaseWriter
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        writer = store.writer
        writes = store.writes
    }

    public func reserve(_ claim: IdempotencyClaim, at now: Timestamp, expiredBefore: Timestamp) async throws
        -> IdempotencyReservation
    {
        try await writes.write { db in
            let mine = IdempotencyRecordRow.filter(
                IdempotencyRecordRow.Columns.caller == claim.caller && IdempotencyRecordRow.Columns.idempotencyKey == claim.key)
            if let existing = try mine.fetchOne(db) {
                if existing.createdAt >= expiredBefore.milliseconds { return existing.reservation(for: claim) }
                try existing.delete(db)
            }
            var record = IdempotencyRecordRow(claim, at: now)
            try record.insert(db)
            return .reserved(id: record.id!)
        }
    }

    public func complete(reservation id: Int64, with outcome: IdempotencyOutcome, at now: Timestamp) async throws {
        try await writes.write { db in
            _ = try Self.running.filter(key: id).updateAll(db, IdempotencyRecordRow.completion(outcome, at: now))
        }
    }

    public func release(reservation id: Int64, recordingIfCommitted lost: IdempotencyOutcome, at now: Timestamp) async throws {
        try await writes.write { db in
            let freed = try Self.running.filter(key: id).filter(IdempotencyRecordRow.Columns.committedAt == nil).deleteAll(db)
            if freed == 0 {
                _ = try Self.running.filter(key: id).updateAll(db, IdempotencyRecordRow.completion(lost, at: now))
            }
        }
    }

    public func removeExpired(before cutoff: Timestamp) async throws -> Int {
        try await writes.write { db in
            try IdempotencyRecordRow.filter(IdempotencyRecordRow.Columns.createdAt < cutoff.milliseconds).deleteAll(db)
        }
    }

    public func closeInterrupted(recording lost: IdempotencyOutcome, at now: Timestamp) throws -> (
        answersLost: Int, keysFreed: Int
    ) {
        // At start, before any call: synchronous, outside the batches.
        try writer.write { db in
            let answersLost = try Self.running.filter(IdempotencyRecordRow.Columns.committedAt != nil)
                .updateAll(db, IdempotencyRecordRow.completion(lost, at: now))
            let keysFreed = try Self.running.deleteAll(db)
            return (answersLost, keysFreed)
        }
    }

    /// The records of calls that have not kept an answer yet.
    private static let running = IdempotencyRecordRow.filter(IdempotencyRecordRow.Columns.completedAt == nil)
}
