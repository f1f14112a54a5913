/// How failed logins lock an account: after `threshold` failures in a row, each further failure
/// locks it for a delay that doubles from `firstDelay` up to `maximumDelay`. A successful login
/// (or an operator enabling the account, or a new password) starts the count again.
public struct LockoutPolicy: Sendable, Hashable {
    public var threshold: Int
    public var firstDelay: Duration
    public var maximumDelay: Duration

    public init(threshold: Int = 5, firstDelay: Duration = .seconds(60), maximumDelay: Duration = .seconds(3600)) {
        self.threshold = threshold
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
    }

    /// How long the account is locked after its `failures`-th failure in a row, or nil when it
    /// is not locked yet: threshold → first delay, then twice as long at each failure.
    public func lockDuration(afterFailures failures: Int) -> Duration? {
        guard threshold > 0, failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 30)
        let delay = firstDelay * (1 << doublings)
        return min(delay, maximumDelay)
    }
}
