import MyOpenIPDomain
import MyOpenIPRPC
import Synchronization

/// Failed logins counted per peer address: past `limit` failures in `window`, the address's
/// logins are refused at once (RESOURCE_EXHAUSTED `TOO_MANY_FAILED_LOGINS`) until the window
/// ends, before any password is checked. The lockout protects one account from guessing; this
/// keeps one address from locking many accounts, or trying many identifiers, in a row.
public final class FailedLoginThrottle: Sendable {
    private struct Window {
        var start: Timestamp
        var failures: Int
    }

    public let limit: Int
    public let window: Duration
    /// Addresses followed at once; past it, windows that ended are forgotten first.
    static let maximumAddresses = 100_000
    private let windows = Mutex<[String: Window]>([:])

    public init(limit: Int = 30, window: Duration = .seconds(600)) {
        self.limit = limit
        self.window = window
    }

    /// The address of a peer: its IP address, or the uid of a Unix-socket peer.
    static func address(of peer: Peer) -> String {
        switch peer {
        case .tcp(let host, _): return host
        case .unix(let credentials?): return "uid:\(credentials.uid)"
        case .unix(nil): return "unix"
        }
    }

    /// When the address may log in again, if it may not now.
    func blockedUntil(_ peer: Peer, at now: Timestamp) -> Timestamp? {
        windows.withLock { windows in
            guard let current = windows[Self.address(of: peer)] else { return nil }
            let end = current.start.adding(window)
            return current.failures >= limit && end > now ? end : nil
        }
    }

    /// Counts a failed login from the address.
    func recordFailure(_ peer: Peer, at now: Timestamp) {
        let address = Self.address(of: peer)
        windows.withLock { windows in
            if windows.count >= Self.maximumAddresses {
                windows = windows.filter { $0.value.start.adding(window) > now }
            }
            if var current = windows[address], current.start.adding(window) > now {
                current.failures += 1
                windows[address] = current
            } else {
                windows[address] = Window(start: now, failures: 1)
            }
        }
    }

    static func refusal(until: Timestamp, now: Timestamp) -> RPCError {
        let seconds = max(1, now.duration(to: until).components.seconds)
        let minutes = (seconds + 59) / 60
        return RPCError(
            .resourceExhausted,
            "Trop de tentatives de connexion échouées depuis cette adresse. Réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "").",
            reason: "TOO_MANY_FAILED_LOGINS", metadata: ["retry_after_seconds": String(seconds)])
    }
}
