import GRDB
import Synchronization

/// Where the record of a caller's idempotency key may be, in memory: a digest of the caller and
/// key maps to the ids of the records that may be its. `idempotency_record` itself has no index on
/// the key, so that a keyed write appends its record at the end of the table instead of dirtying a
/// random leaf of a key index, a page more to write and sync for each keyed write of a commit.
///
/// The index holds at least every committed record not yet expired; an id it gives may be stale
/// (its record deleted, rolled back, or its id reused by another key), so a lookup reads each
/// candidate by its id and keeps only the record of the same caller and key
/// (``IdempotencyRecordRow/fetch(_:keys:in:)``).
///
/// It catches up with the table from the last id it saw: the writer once per transaction, after
/// its `BEGIN IMMEDIATE` and before its first lookup, so every record another daemon sharing the
/// database committed is known before this one decides a key is free (the write lock arbitrates,
/// as the unique index did); a reader at each lookup, in its snapshot. Record ids only grow
/// (`AUTOINCREMENT`), and commits are serialized, so the records after the last id seen are the
/// only ones it may lack.
public final class IdempotencyKeyIndex: Sendable {
    private struct Entry {
        let digest: UInt64
        let id: Int64
        let createdAt: Int64
    }

    /// A record that may be a digest's, and when it was created (the latest, when one id was
    /// used twice).
    private struct Candidate {
        let id: Int64
        var createdAt: Int64
    }

    private struct State {
        /// The first id of each digest, and the rare further ones (collisions, a key whose
        /// earlier record is stale).
        var first: [UInt64: Candidate] = [:]
        var more: [UInt64: [Candidate]] = [:]
        /// Every entry, in the order it was added (the order of creation, nearly): forgotten from
        /// the front once expired.
        var byAge: [Entry] = []
        var ageHead = 0
        /// Every committed record whose id is at most this one is in the index (or was deleted).
        var seen: Int64 = 0
        /// The writer's open transaction: whether it caught up, and the highest id it saw or
        /// inserted, which counts once the transaction commits.
        var transactionCaughtUp = false
        var transactionSeen: Int64 = 0
    }

    private let state = Mutex(State())
    /// Hashes keys with a seed of this process: the digests never leave it.
    private let seed = UInt64.random(in: .min ... .max)

    public init() {}

    /// How many records the index knows (stale ones included).
    public var count: Int { state.withLock { $0.byAge.count - $0.ageHead } }

    // MARK: Lookups

    /// The ids of the records that may be `claim`'s, in the writer's open transaction: the first
    /// lookup of the transaction catches up with the records committed meanwhile.
    func candidates(of claim: IdempotencyClaim, writing db: Database) throws -> [Int64] {
        let needsCatchUp = state.withLock { !$0.transactionCaughtUp }
        if needsCatchUp {
            let from = state.withLock { max($0.seen, $0.transactionSeen) }
            let rows = try entries(after: from, in: db)
            state.withLock { state in
                for row in rows { add(row, to: &state) }
                state.transactionSeen = max(state.transactionSeen, rows.last?.id ?? from)
                state.transactionCaughtUp = true
            }
        }
        return candidates(digest(caller: claim.caller, key: claim.key))
    }

    /// The ids of the records that may be `claim`'s, in a reader's snapshot: catches up with what
    /// the snapshot holds.
    func candidates(of claim: IdempotencyClaim, reading db: Database) throws -> [Int64] {
        try catchUp(in: db)
        return candidates(digest(caller: claim.caller, key: claim.key))
    }

    /// Adds the committed records this index lacks, as `db` sees them (a reader's snapshot, or a
    /// write transaction about to commit: the daemon's start).
    func catchUp(in db: Database) throws {
        let from = state.withLock { $0.seen }
        let rows = try entries(after: from, in: db)
        guard let last = rows.last else { return }
        state.withLock { state in
            if rows.count > 4096 {
                // A whole table at the start: grown once, not by doublings.
                state.first.reserveCapacity(state.first.count + rows.count)
                state.byAge.reserveCapacity(state.byAge.count + rows.count)
            }
            for row in rows { add(row, to: &state) }
            state.seen = max(state.seen, last.id)
        }
    }

    private func candidates(_ digest: UInt64) -> [Int64] {
        state.withLock { state in
            guard let first = state.first[digest] else { return [] }
            guard let more = state.more[digest] else { return [first.id] }
            return [first.id] + more.map(\.id)
        }
    }

    // MARK: The writer's transaction

    /// A write transaction begins: its first lookup catches up.
    func transactionBegan() {
        state.withLock { state in
            state.transactionCaughtUp = false
            state.transactionSeen = state.seen
        }
    }

    /// The write transaction ended: what it saw and inserted counts once it committed. What a
    /// failed one inserted stays as stale candidates, read and skipped.
    func transactionEnded(committed: Bool) {
        state.withLock { state in
            if committed { state.seen = max(state.seen, state.transactionSeen) }
            state.transactionCaughtUp = false
        }
    }

    /// The writer inserted record `id` of `caller`'s `key`, in its open transaction.
    func inserted(_ id: Int64, caller: String, key: String, createdAt: Int64) {
        let digest = digest(caller: caller, key: key)
        state.withLock { state in
            add(Entry(digest: digest, id: id, createdAt: createdAt), to: &state)
            state.transactionSeen = max(state.transactionSeen, id)
        }
    }

    // MARK: Expiry

    /// Forgets the records created before `cutoff` (they no longer count, whether deleted yet or
    /// not); returns how many entries went.
    @discardableResult
    func forget(createdBefore cutoff: Int64) -> Int {
        state.withLock { state in
            var forgotten = 0
            while state.ageHead < state.byAge.count, state.byAge[state.ageHead].createdAt < cutoff {
                let entry = state.byAge[state.ageHead]
                remove(entry.id, digest: entry.digest, before: cutoff, from: &state)
                state.ageHead += 1
                forgotten += 1
            }
            if state.ageHead > 1024, state.ageHead * 2 > state.byAge.count {
                state.byAge.removeFirst(state.ageHead)
                state.ageHead = 0
            }
            return forgotten
        }
    }

    // MARK: Internals

    private func digest(caller: String, key: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(seed)
        hasher.combine(caller)
        hasher.combine(key)
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }

    private func add(_ entry: Entry, to state: inout State) {
        let candidate = Candidate(id: entry.id, createdAt: entry.createdAt)
        if var first = state.first[entry.digest] {
            if first.id == entry.id {
                // The same id again (a record rolled back, its id reused by a retry of its key):
                // it counts from the later creation.
                guard entry.createdAt > first.createdAt else { return }
                first.createdAt = entry.createdAt
                state.first[entry.digest] = first
            } else if let index = state.more[entry.digest]?.firstIndex(where: { $0.id == entry.id }) {
                guard entry.createdAt > state.more[entry.digest]![index].createdAt else { return }
                state.more[entry.digest]![index].createdAt = entry.createdAt
            } else {
                state.more[entry.digest, default: []].append(candidate)
            }
        } else {
            state.first[entry.digest] = candidate
        }
        state.byAge.append(entry)
    }

    /// Removes candidate `id` of `digest` if it was created before `cutoff` (a later use of the
    /// same id keeps it).
    private func remove(_ id: Int64, digest: UInt64, before cutoff: Int64, from state: inout State) {
        if let first = state.first[digest], first.id == id {
            guard first.createdAt < cutoff else { return }
            if var more = state.more[digest], !more.isEmpty {
                state.first[digest] = more.removeFirst()
                state.more[digest] = more.isEmpty ? nil : more
            } else {
                state.first[digest] = nil
            }
        } else if var more = state.more[digest], let index = more.firstIndex(where: { $0.id == id }) {
            guard more[index].createdAt < cutoff else { return }
            more.remove(at: index)
            state.more[digest] = more.isEmpty ? nil : more
        }
    }

    /// The entries of the records after id `from`, in id order: only their digests are kept, so
    /// that loading a whole table holds no key in memory.
    private func entries(after from: Int64, in db: Database) throws -> [Entry] {
        let statement = try db.cachedStatement(
            sql: "SELECT id, caller, idempotency_key, created_at FROM idempotency_record WHERE id > ? ORDER BY id")
        let rows = try Row.fetchCursor(statement, arguments: [from])
        var entries: [Entry] = []
        while let row = try rows.next() {
            entries.append(Entry(digest: digest(caller: row[1], key: row[2]), id: row[0], createdAt: row[3]))
        }
        return entries
    }
}
