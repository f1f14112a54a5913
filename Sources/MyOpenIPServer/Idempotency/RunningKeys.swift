import MyOpenIPStore
import Synchronization

/// The idempotency keys of the calls running in this daemon: a second call with a key in use is
/// refused at once, without touching the database.
final class RunningKeys: Sendable {
    private let keys = Mutex(Set<Entry>())

    private struct Entry: Hashable {
        let caller: String
        let key: String
    }

    /// Takes `claim`'s key; false when a running call holds it.
    func insert(_ claim: IdempotencyClaim) -> Bool {
        keys.withLock { $0.insert(Entry(caller: claim.caller, key: claim.key)).inserted }
    }

    func remove(_ claim: IdempotencyClaim) {
        _ = keys.withLock { $0.remove(Entry(caller: claim.caller, key: claim.key)) }
    }
}
