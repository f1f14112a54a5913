import Synchronization

/// Whether the daemon is serving or draining before it stops, shared by the transport that
/// starts draining, the dispatcher that refuses new work, and the health service that reports it.
public final class ServingState: Sendable {
    private struct State {
        var draining = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let draining = Atomic<Bool>(false)
    private let state = Mutex(State())

    public init() {}

    /// True once shutdown has begun.
    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Marks the daemon as shutting down; it never serves again.
    public func beginDraining() {
        draining.store(true, ordering: .relaxed)
        let waiters = state.withLock { state in
            state.draining = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once shutdown has begun, or when the task is cancelled.
    public func waitUntilDraining() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.draining || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
