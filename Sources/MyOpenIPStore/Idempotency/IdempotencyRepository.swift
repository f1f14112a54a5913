import MyOpenIPDomain

/// The answers of keyed writes, so that a retry gets the first answer instead of a second write.
///
/// A claim first reserves its key; the call then runs and its outcome is recorded, or, when the
/// outcome says nothing about the write (cancelled, unavailable, internal), the reservation is
/// released so that a retry runs the call again. The write's own transaction marks the record
/// committed (``AuditContext/idempotencyRecordID``): a committed write is never released, and a
/// retry then learns that it was done even if its answer was lost.
public protocol IdempotencyRepository: Sendable {
    /// Reserves the claim's key, or tells what became of it. A record created before
    /// `expiredBefore` no longer counts: it is replaced.
    func reserve(_ claim: IdempotencyClaim, at now: Timestamp, expiredBefore: Timestamp) async throws -> IdempotencyReservation
    /// Records the outcome of a reserved call.
    func complete(reservation id: Int64, with outcome: IdempotencyOutcome, at now: Timestamp) async throws
    /// Gives the key back, so that a retry runs the call again; but if the call's write was
    /// committed, records `lost` as its outcome instead.
    func release(reservation id: Int64, recordingIfCommitted lost: IdempotencyOutcome, at now: Timestamp) async throws
    /// Deletes the records created before `cutoff`; returns how many.
    @discardableResult
    func removeExpired(before cutoff: Timestamp) async throws -> Int
    /// Settles the reservations of calls that never finished (the daemon stopped under them):
    /// those whose write was committed get `lost` as their outcome, the others are freed.
    @discardableResult
    func closeInterrupted(recording lost: IdempotencyOutcome, at now: Timestamp) throws -> (answersLost: Int, keysFreed: Int)
}
