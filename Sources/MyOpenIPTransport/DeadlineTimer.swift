import NIOCore

/// One event-loop timer for all the deadlines of a connection.
///
/// The timer is armed for the earliest deadline and re-armed only when a call with an earlier
/// one arrives; a call that ends leaves it alone, and when the timer fires the owner sweeps its
/// calls and re-arms for the next deadline. Most calls end long before their deadline, so a call
/// costs one comparison here instead of scheduling and cancelling a timer of its own (which
/// measured about a third of a small call's cost).
struct DeadlineTimer {
    private var armedFor: NIODeadline?
    private var scheduled: Scheduled<Void>?

    /// Makes sure the timer fires no later than `deadline`; `fire` runs on the event loop.
    mutating func schedule(_ deadline: NIODeadline, on eventLoop: any EventLoop, fire: @escaping () -> Void) {
        if let armedFor, armedFor <= deadline { return }
        scheduled?.cancel()
        armedFor = deadline
        scheduled = eventLoop.assumeIsolated().scheduleTask(deadline: deadline, fire)
    }

    /// Records that the timer fired; the owner then sweeps and schedules the next deadline.
    mutating func fired() {
        armedFor = nil
        scheduled = nil
    }

    /// Stops the timer.
    mutating func cancel() {
        scheduled?.cancel()
        fired()
    }
}
