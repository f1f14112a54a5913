import GRDB
import Synchronization

/// Writes that arrive together share one transaction and one commit, so one disk flush makes a
/// whole batch durable. Each write runs in a savepoint of its own: one that throws is rolled back
/// alone and fails alone, its neighbours commit. Every caller is answered only after the shared
/// commit returned (with `synchronous = FULL`, after the journal reached the disk).
///
/// The first write to arrive while no batch runs starts one; the writes that arrive meanwhile
/// wait for the next batch, which takes them all (up to ``maximumBatch``).
public final class GroupCommit: Sendable {
    private struct Job: Sendable {
        /// Runs the write on the batch's connection, inside its savepoint.
        let run: @Sendable (Database) throws -> Void
        /// Answers the caller once the batch committed, or failed.
        let answer: @Sendable (Result<Void, any Error>) -> Void
        /// The keyed write the job records, told whether its batch committed.
        let keyed: KeyedWrite?
    }

    private struct State {
        var pending: [Job] = []
        var running = false
        var commits = 0
    }

    /// Writes committed together at most.
    public let maximumBatch: Int
    private let writer: any DatabaseWriter
    /// Told when each batch's transaction begins and ends, as keyed writes look their keys up in it.
    private let keys: IdempotencyKeyIndex
    private let state = Mutex(State())
    /// Set by the background checkpointer when the log has grown: the writer then checkpoints
    /// between two batches (see ``WALCheckpointer``).
    private let logCatchUp = Atomic<Bool>(false)
    private let commitObserver = Mutex<(@Sendable (Int, Duration) -> Void)?>(nil)

    init(writer: any DatabaseWriter, keys: IdempotencyKeyIndex, maximumBatch: Int = 256) {
        self.writer = writer
        self.keys = keys
        self.maximumBatch = maximumBatch
    }

    /// Runs `body` in the next batch's transaction and returns its value once that transaction is
    /// committed; throws what `body` threw (its changes rolled back, its neighbours' kept), or the
    /// commit's failure. Under an idempotency key (``KeyedWrite/current``), the same savepoint
    /// keeps the key's record, with the call's answer when `body`'s value makes it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await write({ db in (try body(db), ()) }, committed: { _ in })
    }

    /// ``write(_:)`` for a body that also returns what to publish: `committed` gets it once the
    /// transaction is durable, before the caller resumes with the body's value. The writer calls
    /// it for each committed write in commit order, so what it publishes (changes to watchers)
    /// comes out in the order it was written; it must not block. An idempotency key keeps the
    /// value, not what is published.
    public func write<T: Sendable, Published: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> (T, Published),
        committed: @escaping @Sendable (Published) -> Void
    ) async throws -> T {
        let keyed = KeyedWrite.current
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let value = Mutex<(T, Published)?>(nil)
            let job = Job(
                run: { db in
                    let result = try body(db)
                    try keyed?.record(result.0, in: db, keys: self.keys)
                    value.withLock { $0 = result }
                },
                answer: { outcome in
                    switch outcome {
                    case .success:
                        let (result, published) = value.withLock { $0! }
                        committed(published)
                        continuation.resume(returning: result)
                    case .failure(let error): continuation.resume(throwing: error)
                    }
                }, keyed: keyed)
            let start = state.withLock { state -> Bool in
                state.pending.append(job)
                guard !state.running else { return false }
                state.running = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    /// The batches committed so far.
    public var commits: Int { state.withLock { $0.commits } }

    /// Asks for a checkpoint on the writer's connection after the current batch: with no write
    /// in progress it copies the whole log, so that the next batch starts it over.
    func requestLogCatchUp() {
        logCatchUp.store(true, ordering: .relaxed)
    }

    /// Commits batches until no write waits.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Job] in
                let taken = Array(state.pending.prefix(maximumBatch))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.running = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            await commit(batch)
            if logCatchUp.exchange(false, ordering: .relaxed) {
                // The batch's callers are answered; the next batch waits for the few frames the
                // background checkpoint has not copied yet.
                _ = try? await writer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    /// Told of each committed batch: its writes and how long its transaction took (metrics).
    public func observeCommits(_ observer: @escaping @Sendable (_ writes: Int, _ duration: Duration) -> Void) {
        commitObserver.withLock { $0 = observer }
    }

    private func commit(_ batch: [Job]) async {
        let outcomes = Mutex([Result<Void, any Error>](repeating: .success(()), count: batch.count))
        let started = ContinuousClock.now
        do {
            try await writer.writeWithoutTransaction { db in
                keys.transactionBegan()
                var committed = false
                defer { keys.transactionEnded(committed: committed) }
                try db.inTransaction(.immediate) {
                    for (index, job) in batch.enumerated() {
                        do {
                            try Self.inSavepoint(db) { try job.run(db) }
                        } catch {
                            outcomes.withLock { $0[index] = .failure(error) }
                        }
                    }
                    return .commit
                }
                committed = true
            }
        } catch {
            // The commit itself failed: nothing of the batch was written.
            for job in batch {
                job.keyed?.batchFailed()
                job.answer(.failure(error))
            }
            return
        }
        state.withLock { $0.commits += 1 }
        commitObserver.withLock { $0 }?(batch.count, ContinuousClock.now - started)
        let results = outcomes.withLock { $0 }
        for (job, outcome) in zip(batch, results) {
            job.keyed?.batchCommitted()
            job.answer(outcome)
        }
    }

    /// Runs `body` in a savepoint, rolled back if it throws. Its statements are prepared once
    /// for the connection: GRDB's `inSavepoint` compiles them at each use, which cost as much as
    /// a small write.
    ///
    /// Some errors (SQLITE_FULL, IOERR, NOMEM) make SQLite roll back the whole transaction: the
    /// savepoint is then gone, and GRDB's `inTransaction` refuses every later statement of the
    /// batch (SQLITE_ABORT) and its commit, so the whole batch fails and nothing of it is
    /// written. The job that hit the error is told that error, not the refusal that follows.
    private static func inSavepoint(_ db: Database, _ body: () throws -> Void) throws {
        try db.cachedStatement(sql: "SAVEPOINT write").execute()
        do {
            try body()
        } catch {
            try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT write").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT write").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT write").execute()
    }
}
