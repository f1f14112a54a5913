/// How long a session lives: it ends after `idleTimeout` without a call (each call pushes that
/// back), and at the latest `maximumLifetime` after login.
public struct SessionPolicy: Sendable, Hashable {
    public var idleTimeout: Duration
    public var maximumLifetime: Duration

    public init(idleTimeout: Duration = .seconds(30 * 60), maximumLifetime: Duration = .seconds(12 * 3600)) {
        self.idleTimeout = idleTimeout
        self.maximumLifetime = maximumLifetime
    }

    /// When a session used at `lastUse` ends if not used again, never past its absolute end.
    public func idleExpiry(lastUse: Timestamp, absoluteExpiry: Timestamp) -> Timestamp {
        min(lastUse.adding(idleTimeout), absoluteExpiry)
    }

    /// A session's idle expiry is written back only when a call moves it by more than this, so
    /// that a busy session does not write to the database at every call.
    public var touchGranularity: Duration {
        min(.seconds(60), idleTimeout / 10)
    }
}
