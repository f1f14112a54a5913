import Synchronization

/// Fans the state changes of technical services out to the calls that watch them. A change is
/// handed to the watchers of its own service and to the broad watchers (a company, a scope)
/// only: a thousand watchers of one link cost one pass over that link's watchers, no query
/// each. Publishing never waits: each watcher keeps the newest changes up to its buffer, so one
/// that does not read skips to the latest states, and never slows the collector or the others.
public final class LinkStateFeed: Sendable {
    /// The changes a watcher may have waiting; past them, the oldest are dropped.
    public static let defaultBuffer = 64

    private struct Watcher: Sendable {
        let wants: @Sendable (LinkStateEvent) -> Bool
        let continuation: AsyncStream<LinkStateEvent>.Continuation
    }

    private struct Watchers {
        var ofService: [Int64: [Int: Watcher]] = [:]
        var broad: [Int: Watcher] = [:]
        var count: Int { broad.count + ofService.values.reduce(0) { $0 + $1.count } }
    }

    private let watchers = Mutex(Watchers())
    private let nextID = Atomic<Int>(0)
    private let buffer: Int

    public init(buffer: Int = LinkStateFeed.defaultBuffer) {
        self.buffer = buffer
    }

    /// The changes of one service from now on, in the order they were committed.
    public func watch(service id: Int64) -> AsyncStream<LinkStateEvent> {
        add(service: id) { _ in true }
    }

    /// The changes `wants` accepts from now on (a company's, a scope's).
    public func watch(where wants: @escaping @Sendable (LinkStateEvent) -> Bool) -> AsyncStream<LinkStateEvent> {
        add(service: nil, wants)
    }

    private func add(service: Int64?, _ wants: @escaping @Sendable (LinkStateEvent) -> Bool) -> AsyncStream<
        LinkStateEvent
    > {
        let (stream, continuation) = AsyncStream.makeStream(
            of: LinkStateEvent.self, bufferingPolicy: .bufferingNewest(buffer))
        let id = nextID.add(1, ordering: .relaxed).newValue
        let watcher = Watcher(wants: wants, continuation: continuation)
        watchers.withLock { watchers in
            if let service {
                watchers.ofService[service, default: [:]][id] = watcher
            } else {
                watchers.broad[id] = watcher
            }
        }
        continuation.onTermination = { [weak self] _ in
            self?.watchers.withLock { watchers in
                if let service {
                    watchers.ofService[service]?.removeValue(forKey: id)
                    if watchers.ofService[service]?.isEmpty == true { watchers.ofService.removeValue(forKey: service) }
                } else {
                    watchers.broad.removeValue(forKey: id)
                }
            }
        }
        return stream
    }

    /// Hands `events` to the watchers that want them, in order.
    public func publish(_ events: [LinkStateEvent]) {
        guard !events.isEmpty else { return }
        // One look at the watchers for the whole batch; yielding happens outside the lock.
        let (own, broad) = watchers.withLock { watchers in
            (events.map { watchers.ofService[$0.serviceID].map { Array($0.values) } ?? [] }, Array(watchers.broad.values))
        }
        for (event, own) in zip(events, own) {
            for watcher in own { watcher.continuation.yield(event) }
            for watcher in broad where watcher.wants(event) { watcher.continuation.yield(event) }
        }
    }

    /// The watchers now (for tests and metrics).
    public var count: Int { watchers.withLock { $0.count } }
}
