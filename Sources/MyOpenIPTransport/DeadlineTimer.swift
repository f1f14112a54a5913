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

    /// Run when the timer fires: calls `expire` for every key whose deadline has passed, then
    /// arms the timer for the earliest deadline left.
    mutating func sweep<Key>(
        _ deadlines: [(key: Key, deadline: NIODeadline)],
        on eventLoop: any EventLoop,
        expire: (Key) -> Void,
        fire: @escaping () -> Void
    ) {
        armedFor = nil
        scheduled = nil
        let now = NIODeadline.now()
        var next: NIODeadline?
        for (key, deadline) in deadlines {
            if deadline <= now {
                expire(key)
            } else if next.map({ deadline < $0 }) ?? true {
                next = deadline
            }
        }
        if let next { schedule(next, on: eventLoop, fire: fire) }
    }

    /// Stops the timer.
    mutating func cancel() {
        scheduled?.cancel()
        armedFor = nil
        scheduled = nil
    }
}
