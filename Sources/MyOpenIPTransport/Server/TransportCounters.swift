import Synchronization

/// What the server's connections have done, counted as they go (relaxed atomics: one add per
/// frame), for the daemon's metrics.
public final class TransportCounters: Sendable {
    /// Bytes of frames read and written, headers included.
    public let bytesIn = Atomic<Int>(0)
    public let bytesOut = Atomic<Int>(0)
    /// Connections accepted over the Unix socket and over TCP, and open now.
    public let unixAccepted = Atomic<Int>(0)
    public let tcpAccepted = Atomic<Int>(0)
    public let unixOpen = Atomic<Int>(0)
    public let tcpOpen = Atomic<Int>(0)
    /// Connections refused because too many were open.
    public let refusedByLimit = Atomic<Int>(0)

    public init() {}

    func accepted(unix: Bool) {
        if unix {
            unixAccepted.add(1, ordering: .relaxed)
            unixOpen.add(1, ordering: .relaxed)
        } else {
            tcpAccepted.add(1, ordering: .relaxed)
            tcpOpen.add(1, ordering: .relaxed)
        }
    }

    func closed(unix: Bool) {
        if unix { unixOpen.subtract(1, ordering: .relaxed) } else { tcpOpen.subtract(1, ordering: .relaxed) }
    }
}
