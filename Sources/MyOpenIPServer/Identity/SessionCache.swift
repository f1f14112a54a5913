import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore
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
        /// What the lookup read of the account and its rights' names: handlers (WhoAmI) take
        /// them from here instead of reading them again.
        var account: AccountRecord
        var rightNames: [String]
    }

    /// Entries kept at most; past it, the cache starts again empty (sessions are read again).
    let capacity: Int
    private struct State {
        var entries: [String: Entry] = [:]
        /// The token digest of each cached session.
        var digests: [Int64: String] = [:]
    }
    private let state = Mutex(State())

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The entry of `digest` if it is still true at `now` and at `generation`.
    func entry(_ digest: String, generation: UInt64, at now: Timestamp) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[digest] else { return nil }
            guard entry.generation == generation, now < entry.validUntil, now < entry.idleExpiresAt else {
                state.entries[digest] = nil
                state.digests[entry.identity.sessionID] = nil
                return nil
            }
            return entry
        }
    }

    /// The entry of a session by its id, on the same conditions.
    func entry(session id: Int64, generation: UInt64, at now: Timestamp) -> Entry? {
        guard let digest = state.withLock({ $0.digests[id] }) else { return nil }
        return entry(digest, generation: generation, at: now)
    }

    func store(_ entry: Entry, for digest: String) {
        state.withLock { state in
            if state.entries.count >= capacity, state.entries[digest] == nil {
                state.entries.removeAll(keepingCapacity: true)
                state.digests.removeAll(keepingCapacity: true)
            }
            state.entries[digest] = entry
            state.digests[entry.identity.sessionID] = digest
        }
    }

    func remove(_ digest: String) {
        state.withLock { state in
            if let entry = state.entries.removeValue(forKey: digest) { state.digests[entry.identity.sessionID] = nil }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
