import MyOpenIPDomain
import MyOpenIPRPC
import Synchronization

/// The sessions recently authenticated, by token digest, with the principal their lookup gave.
/// An entry is used only while the store's authentication generation is the one it was read at
/// (any write that may change what a session is allowed moves it), while its session is open,
/// and before the next scheduled terms of use come into force; else the database is read again.
final class SessionCache: Sendable {
    struct Entry: Sendable {
        /// The principal, but for its idle expiry, which each call moves.
        var identity: SessionIdentity
        var generation: UInt64
        /// The session's absolute end, or the next terms' effective date if sooner.
        var validUntil: Timestamp
        var absoluteExpiresAt: Timestamp
        /// As stored: the last use written, and the idle expiry it gave.
        var lastUsedAt: Timestamp
        var idleExpiresAt: Timestamp
    }

    /// Entries kept at most; past it, the cache starts again empty (sessions are read again).
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The entry of `digest` if it is still true at `now` and at `generation`.
    func entry(_ digest: String, generation: UInt64, at now: Timestamp) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.generation == generation, now < entry.validUntil, now < entry.idleExpiresAt else {
                entries[digest] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ entry: Entry, for digest: String) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[digest] == nil { entries.removeAll(keepingCapacity: true) }
            entries[digest] = entry
        }
    }

    func remove(_ digest: String) {
        _ = entries.withLock { $0.removeValue(forKey: digest) }
    }

    var count: Int { entries.withLock { $0.count } }
}
