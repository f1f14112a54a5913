import Synchronization

/// What the server learns, call by call, about the peer of one connection: whether a session
/// signed in on it. The transport gives a connection's anonymous peers tighter limits until then.
public final class ConnectionTrust: Sendable {
    private let signedIn = Atomic<Bool>(false)

    public init() {}

    /// A call on this connection was authenticated as a session.
    public func markSignedIn() {
        signedIn.store(true, ordering: .relaxed)
    }

    public var isSignedIn: Bool { signedIn.load(ordering: .relaxed) }
}
