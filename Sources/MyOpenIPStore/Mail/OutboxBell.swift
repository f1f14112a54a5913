import Synchronization

/// Rung after every commit that queued a mail, so that the sender starts at once instead of at
/// its next look at the outbox. One per process: a sender woken by a mail of another store (tests
/// run several daemons in one process) finds nothing due and waits again.
public final class OutboxBell: Sendable {
    public static let shared = OutboxBell()

    private struct State {
        var rings: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// How many times it rang: a waiter that saw this value misses no ring after it.
    public var rings: UInt64 { state.withLock { $0.rings } }

    public func ring() {
        let waiters = state.withLock { state in
            state.rings &+= 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns at the first ring after `seen` (at once if it already rang since), after
    /// `limit`, or when the task is cancelled.
    public func wait(after seen: UInt64, upTo limit: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: limit) }
            group.addTask { [self] in
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        let ringing = state.withLock { state -> Bool in
                            // Cancelled before it got here: its cancellation handler found no waiter.
                            guard state.rings == seen, !Task.isCancelled else { return true }
                            state.waiters[id] = continuation
                            return false
                        }
                        if ringing { continuation.resume() }
                    }
                } onCancel: {
                    let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
                    waiter?.resume()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
