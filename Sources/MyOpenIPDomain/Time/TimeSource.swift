import Foundation
import Synchronization

/// Where the daemon reads the time of day from: the system clock in production, a clock that
/// tests move by hand to cross an expiry without waiting.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until moved, for tests and simulations of expiries.
public final class AdjustableTimeSource: TimeSource {
    private let current: Mutex<Date>

    public init(_ start: Date = Date()) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
