import Logging
import Synchronization

/// Bounds how many lines a source of peer-driven events (malformed frames, refused calls,
/// refused connections) writes: at most `perSecond` lines a second; the others are counted, and
/// the next line written says how many were left out (`suppressed`). A flood of garbage from
/// peers costs a counter, not the disk.
public final class LogThrottle: Sendable {
    private struct State {
        var windowStart: ContinuousClock.Instant
        var written = 0
        var suppressed = 0
    }

    private let perSecond: Int
    private let state: Mutex<State>

    public init(perSecond: Int = 20) {
        self.perSecond = perSecond
        self.state = Mutex(State(windowStart: .now))
    }

    /// Logs the line if this second's budget allows, else counts it.
    public func log(
        _ logger: Logger, level: Logger.Level, _ message: @autoclosure () -> Logger.Message,
        metadata: @autoclosure () -> Logger.Metadata = [:]
    ) {
        guard logger.logLevel <= level else { return }
        let now = ContinuousClock.now
        let suppressed: Int? = state.withLock { state in
            if state.windowStart.duration(to: now) >= .seconds(1) {
                state.windowStart = now
                state.written = 0
            }
            guard state.written < perSecond else {
                state.suppressed += 1
                return nil
            }
            state.written += 1
            defer { state.suppressed = 0 }
            return state.suppressed
        }
        guard let suppressed else { return }
        var metadata = metadata()
        if suppressed > 0 { metadata["suppressed"] = "\(suppressed)" }
        logger.log(level: level, message(), metadata: metadata)
    }

    /// Lines left out since the last one written.
    public var suppressedCount: Int { state.withLock { $0.suppressed } }
}
