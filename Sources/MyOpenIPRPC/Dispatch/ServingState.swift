import Synchronization

/// Whether the daemon is serving or draining before it stops, shared by the transport that
/// starts draining, the dispatcher that refuses new work, and the health service that reports it.
public final class ServingState: Sendable {
    private let draining = Atomic<Bool>(false)

    public init() {}

    /// True once shutdown has begun.
    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Marks the daemon as shutting down; it never serves again.
    public func beginDraining() { draining.store(true, ordering: .relaxed) }
}
