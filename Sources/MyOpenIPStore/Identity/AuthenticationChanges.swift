import GRDB
import Synchronization

/// Counts the committed transactions that may change what a session is allowed: a session
/// revoked, an account changed (state, password, email, company), rights given or taken or
/// redefined, a company's state, terms published, withdrawn or accepted. A cache of sessions
/// keeps the generation it read an entry at, and trusts the entry only while the generation is
/// the same: the very next call after such a write reads the database again.
///
/// It observes the store's own writer, so no write path can forget to report: a change made
/// through any repository, or by hand through the store, counts. A session's idle expiry moving
/// does not count. Failed logins do (the account's record, which WhoAmI answers from the cache,
/// shows them); the per-address throttle of failed logins bounds how often a stranger can.
public final class AuthenticationChanges: TransactionObserver, Sendable {
    private let committed = Atomic<UInt64>(0)
    private let touched = Mutex(false)

    public init() {}

    /// The number of such transactions committed so far.
    public var generation: UInt64 { committed.load(ordering: .acquiring) }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table):
            return ["account_right", "terms_version", "terms_acceptance"].contains(table)
        case .delete(let table):
            return ["session", "account", "account_right", "access_right", "company", "terms_version"].contains(table)
        case .update(let table, let columns):
            switch table {
            case "session": return columns.contains("revoked_at")
            case "account":
                return !columns.isDisjoint(with: [
                    "state", "password_hash", "email", "email_key", "display_name", "company_reference", "kind", "login",
                    "failed_logins", "locked_until", "password_set_at",
                ])
            case "account_right", "access_right", "terms_version", "terms_acceptance": return true
            case "company": return !columns.isDisjoint(with: ["state", "reference"])
            default: return false
            }
        }
    }

    public func databaseDidChange(with event: DatabaseEvent) {
        touched.withLock { $0 = true }
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    public func databaseDidCommit(_ db: Database) {
        let changed = touched.withLock { value in
            defer { value = false }
            return value
        }
        if changed { committed.add(1, ordering: .releasing) }
    }

    public func databaseDidRollback(_ db: Database) {
        touched.withLock { $0 = false }
    }
}
