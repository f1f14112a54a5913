import Foundation
import GRDB
import MyOpenIPDomain
import Synchronization

/// A call's writes made under an idempotency key. Its record is written by the write's own
/// transaction (``GroupCommit`` asks it, in the write's savepoint), with the call's answer when
/// the handler said how to make it (``expectAnswer(_:)``): the write, the key and what a retry
/// will be told are committed together, by one commit.
///
/// When the key's record is already there (another call with the same key committed first,
/// perhaps from another daemon sharing the database), the write is rolled back and fails with
/// ``Conflict``; the caller then tells what that record says. The record is found through
/// ``IdempotencyKeyIndex``, which the transaction brought up to date under its write lock.
public final class KeyedWrite: Sendable {
    /// The keyed write of the current task: set by the idempotency interceptor around a handler.
    @TaskLocal public static var current: KeyedWrite?

    /// Thrown by a write whose key was taken by another call: the write was rolled back.
    public struct Conflict: Error {}

    public let claim: IdempotencyClaim
    /// When the call began: its record's creation time.
    public let now: Timestamp
    /// Records of the key created before this no longer count.
    public let expiredBefore: Timestamp

    private struct State {
        /// Makes the answer from a write's value, when the value is the one the call answers with.
        var answerMaker: (@Sendable (Any) -> Data?)?
        /// The record this call inserted (valid once the write that inserted it returned).
        var recordID: Int64?
        /// The answer a write kept with its record.
        var keptAnswer: Data?
        var conflicted = false
        /// What the two above were before a write whose batch has not committed yet.
        var beforeBatch: (recordID: Int64?, keptAnswer: Data?)?
    }

    private let state = Mutex(State())

    /// A keyed write for `claim`; a record of the same key created before `expiredBefore` no
    /// longer counts and is replaced.
    public init(claim: IdempotencyClaim, at now: Timestamp, expiredBefore: Timestamp) {
        self.claim = claim
        self.now = now
        self.expiredBefore = expiredBefore
    }

    /// Says how a write's value becomes the call's answer (its serialized response): the next
    /// write whose value is a `Value` keeps that answer in its own transaction.
    public func expectAnswer<Value>(_ make: @escaping @Sendable (Value) throws -> Data) {
        state.withLock { state in
            state.answerMaker = { value in (value as? Value).flatMap { try? make($0) } }
        }
    }

    /// Stops making answers from later writes.
    public func stopExpectingAnswer() {
        state.withLock { $0.answerMaker = nil }
    }

    /// The answer a committed write kept with the record, if one did. Meaningful once the write
    /// returned (its commit is done).
    public var keptAnswer: Data? { state.withLock { $0.keptAnswer } }

    /// The record a write of this call inserted, if one did.
    public var recordID: Int64? { state.withLock { $0.recordID } }

    /// Whether a write found the key taken by another call.
    public var conflicted: Bool { state.withLock { $0.conflicted } }

    /// Records the write that just returned `value`, inside its savepoint: inserts the key's
    /// record, committed now (with the answer if `value` makes it), or, for a later write of the
    /// same call, keeps the answer on the record already there. The usual first write finds no
    /// candidate for its key in `keys` and reads nothing before its insert.
    func record(_ value: Any, in db: Database, keys: IdempotencyKeyIndex) throws {
        let (maker, inserted) = state.withLock { state in
            state.beforeBatch = (state.recordID, state.keptAnswer)
            return (state.answerMaker, state.recordID)
        }
        let answer = maker?(value)
        // The key may have a record: this call's from an earlier write, or another call's.
        if let existing = try liveRecord(keys: keys, in: db), let id = existing.id {
            guard id == inserted else {
                state.withLock { $0.conflicted = true }
                throw Conflict()
            }
            if let answer {
                try IdempotencyRecordRow.complete(id, with: IdempotencyOutcome(statusCode: 0, payload: answer), at: now, in: db)
            }
        } else {
            let id = try IdempotencyRecordRow.insertCommitted(claim, at: now, answer: answer, keys: keys, in: db)
            state.withLock { $0.recordID = id }
        }
        if let answer { state.withLock { $0.keptAnswer = answer } }
    }

    /// The record of the key, in the writer's transaction, unless it expired: an expired one is
    /// deleted, and the key is free.
    func liveRecord(keys: IdempotencyKeyIndex, in db: Database) throws -> IdempotencyRecordRow? {
        guard let existing = try IdempotencyRecordRow.fetch(claim, among: keys.candidates(of: claim, writing: db), in: db),
            let id = existing.id
        else { return nil }
        guard existing.createdAt < expiredBefore.milliseconds else { return existing }
        try IdempotencyRecordRow.delete(id, in: db)
        return nil
    }

    /// The batch of the last write committed: what it recorded stands.
    func batchCommitted() {
        state.withLock { $0.beforeBatch = nil }
    }

    /// The batch of the last write failed as a whole: nothing it recorded was written.
    func batchFailed() {
        state.withLock { state in
            guard let before = state.beforeBatch else { return }
            state.recordID = before.recordID
            state.keptAnswer = before.keptAnswer
            state.beforeBatch = nil
        }
    }
}
