import Synchronization

/// Fans the changes of orders out to the calls that watch them. Publishing never waits: each
/// watcher has a bounded buffer of its own, and a watcher that falls that far behind is ended
/// with ``Overflow`` instead of slowing the writer or the other watchers. A watcher that stops
/// (its call ends) leaves the feed.
public final class OrderChangeFeed: Sendable {
    /// The changes a watcher may have waiting before it is dropped.
    public static let defaultBuffer = 1_024

    /// Ends a watcher that did not keep up.
    public struct Overflow: Error, Sendable {}

    private struct Watcher: Sendable {
        let wants: @Sendable (OrderChange) -> Bool
        let continuation: AsyncThrowingStream<OrderChange, any Error>.Continuation
    }

    private let watchers = Mutex<[Int: Watcher]>([:])
    private let nextID = Atomic<Int>(0)
    private let buffer: Int

    public init(buffer: Int = OrderChangeFeed.defaultBuffer) {
        self.buffer = buffer
    }

    /// The changes `wants` accepts from now on, in the order they were written.
    public func watch(_ wants: @escaping @Sendable (OrderChange) -> Bool) -> AsyncThrowingStream<OrderChange, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(
            of: OrderChange.self, bufferingPolicy: .bufferingOldest(buffer))
        let id = nextID.add(1, ordering: .relaxed).newValue
        watchers.withLock { $0[id] = Watcher(wants: wants, continuation: continuation) }
        continuation.onTermination = { [weak self] _ in
            _ = self?.watchers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Hands `changes` to every watcher that wants them; drops the watchers whose buffer is full.
    public func publish(_ changes: [OrderChange]) {
        guard !changes.isEmpty else { return }
        let current = watchers.withLock { Array($0) }
        for (id, watcher) in current {
            for change in changes where watcher.wants(change) {
                if case .dropped = watcher.continuation.yield(change) {
                    watcher.continuation.finish(throwing: Overflow())
                    _ = watchers.withLock { $0.removeValue(forKey: id) }
                    break
                }
            }
        }
    }

    /// The watchers now (for tests and metrics).
    public var count: Int { watchers.withLock { $0.count } }
}
