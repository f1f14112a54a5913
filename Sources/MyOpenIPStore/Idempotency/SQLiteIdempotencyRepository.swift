import Foundation
import GRDB
import MyOpenIPDomain

/// ``IdempotencyRepository`` on the daemon's SQLite database (table `idempotency_record`).
public struct SQLiteIdempotencyRepository: IdempotencyRepository {
    let writer: any DatabaseWriter
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit
    /// Where each key's record is.
    let keys: IdempotencyKeyIndex

    public init(store: Store) {
        writer = store.writer
        reads = store.reads
        writes = store.writes
        keys = store.idempotencyKeys
    }

    public func status(of claim: IdempotencyClaim, expiredBefore: Timestamp) async throws -> IdempotencyStatus {
        try await reads.read { [keys] db in
            guard let existing = try IdempotencyRecordRow.fetch(claim, among: keys.candidates(of: claim, reading: db), in: db),
                existing.createdAt >= expiredBefore.milliseconds
            else { return .free }
            return existing.status(for: claim)
        }
    }

    public func keep(_ outcome: IdempotencyOutcome, for write: KeyedWrite, at now: Timestamp) async throws
        -> IdempotencyStatus
    {
        let claim = write.claim
        let inserted = write.recordID
        return try await writes.write { [keys] db in
            if let existing = try write.liveRecord(keys: keys, in: db) {
                guard existing.id == inserted, let id = existing.id else { return existing.status(for: claim) }
                try IdempotencyRecordRow.complete(id, with: outcome, at: now, in: db)
            } else {
                var row = IdempotencyRecordRow(claim, at: write.now)
                row.keep(outcome, at: now)
                try row.insert(keys: keys, in: db)
            }
            return .free
        }
    }

    public func release(_ write: KeyedWrite, recordingIfCommitted lost: IdempotencyOutcome, at now: Timestamp) async throws {
        guard let inserted = write.recordID else { return }
        let claim = write.claim
        try await writes.write { [keys] db in
            // The record is this call's only if its write's commit succeeded.
            guard let existing = try IdempotencyRecordRow.fetch(claim, among: keys.candidates(of: claim, writing: db), in: db),
                existing.id == inserted
            else { return }
            try IdempotencyRecordRow.complete(inserted, with: lost, at: now, in: db)
        }
    }

    public func removeExpired(before cutoff: Timestamp) async throws -> Int {
        let removed = try await writes.write { db in
            try IdempotencyRecordRow.filter(IdempotencyRecordRow.Columns.createdAt < cutoff.milliseconds).deleteAll(db)
        }
        // Expired records no longer count, whoever deleted them (another daemon's purge too).
        keys.forget(createdBefore: cutoff.milliseconds)
        return removed
    }

    public func closeInterrupted(recording lost: IdempotencyOutcome, at now: Timestamp) throws -> (
        answersLost: Int, keysFreed: Int
    ) {
        // At start, before any call: synchronous, outside the batches.
        try writer.write { db in
            let answersLost = try Self.running.filter(IdempotencyRecordRow.Columns.committedAt != nil)
                .updateAll(db, IdempotencyRecordRow.completion(lost, at: now))
            let keysFreed = try Self.running.deleteAll(db)
            // Where every record is, before the first call.
            try keys.catchUp(in: db)
            return (answersLost, keysFreed)
        }
    }

    /// The records of calls that have not kept an answer yet.
    private static let running = IdempotencyRecordRow.filter(IdempotencyRecordRow.Columns.completedAt == nil)
}
