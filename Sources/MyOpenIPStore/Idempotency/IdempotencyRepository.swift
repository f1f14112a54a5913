import MyOpenIPDomain

/// The answers of keyed writes, so that a retry gets the first answer instead of a second write.
///
/// A call first asks what its key says (``status(of:expiredBefore:)``). When the key is free,
/// the call's write keeps the record in its own transaction, with the answer (``KeyedWrite``).
/// An outcome the write did not keep (an error about the request, or a call that wrote
/// nothing) is kept after the call (``keep(_:for:at:)``). A call that ended saying nothing
/// about its write (cancelled, unavailable, internal) keeps no answer, so that a retry runs it
/// again; but if its write was committed, the retry is told its answer was lost
/// (``release(_:recordingIfCommitted:at:)``).
public protocol IdempotencyRepository: Sendable {
    /// What the record of `claim`'s key says; a record created before `expiredBefore` no longer
    /// counts (the key is free).
    func status(of claim: IdempotencyClaim, expiredBefore: Timestamp) async throws -> IdempotencyStatus
    /// Keeps `outcome` as the answer of `write`'s call: on the record its write inserted, or on a
    /// new one. When another call took the key meanwhile, keeps nothing and returns what that
    /// call's record says; `.free` once kept.
    func keep(_ outcome: IdempotencyOutcome, for write: KeyedWrite, at now: Timestamp) async throws -> IdempotencyStatus
    /// After a call that ended without an answer to keep: if its write was committed, keeps
    /// `lost` as its answer; otherwise the key stays free.
    func release(_ write: KeyedWrite, recordingIfCommitted lost: IdempotencyOutcome, at now: Timestamp) async throws
    /// Deletes the records created before `cutoff`; returns how many.
    @discardableResult
    func removeExpired(before cutoff: Timestamp) async throws -> Int
    /// Settles the records of calls that never finished (the daemon stopped under them): those
    /// whose write was committed get `lost` as their outcome, the others are freed.
    @discardableResult
    func closeInterrupted(recording lost: IdempotencyOutcome, at now: Timestamp) throws -> (answersLost: Int, keysFreed: Int)
}
