import MyOpenIPTransport

/// The limits of connections, as the configuration gives them: how many at once, and what one
/// may hold (the operator's and signed-in peers', and anonymous peers' tighter ones).
public struct ConnectionSettings: Sendable, Hashable {
    public var maximumConnections = 1024
    /// Bytes of answers a trusted peer may leave unread before its connection stops reading.
    public var maximumUnreadBytes = RPCServerConfiguration.ConnectionLimits.trusted.maximumUnwrittenBytes
    /// A trusted connection with no call in flight this long is closed.
    public var idleTimeout = RPCServerConfiguration.ConnectionLimits.trusted.idleTimeout
    /// Anonymous peers' limits (TCP, and Unix peers that are not the operator, until they sign in).
    public var anonymous = RPCServerConfiguration.ConnectionLimits.anonymous
    /// A peer that leaves its answers unread this long is closed.
    public var stalledReaderTimeout: Duration = .seconds(30)

    public init() {}

    mutating func apply(_ overrides: DaemonConfiguration.Overrides) throws {
        func count(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
            }
            return value
        }
        func seconds(_ value: Double?, _ name: String, _ range: ClosedRange<Double>) throws -> Duration? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound) seconds")
            }
            return .milliseconds(Int64(value * 1000))
        }
        if let value = try count(overrides.maxConnections, "max_connections", 1...1_000_000) { maximumConnections = value }
        if let value = try count(overrides.anonymousMaxCallsPerConnection, "anonymous_max_calls_per_connection", 1...1_000_000) {
            anonymous.maximumCalls = value
        }
        if let value = try count(overrides.maxUnreadBytes, "max_unread_bytes", 4096...(1 << 30)) { maximumUnreadBytes = value }
        if let value = try count(overrides.anonymousMaxUnreadBytes, "anonymous_max_unread_bytes", 4096...(1 << 30)) {
            anonymous.maximumUnwrittenBytes = value
        }
        if let value = try seconds(overrides.idleTimeoutSeconds, "idle_timeout_seconds", 1...86_400) { idleTimeout = value }
        if let value = try seconds(overrides.anonymousIdleTimeoutSeconds, "anonymous_idle_timeout_seconds", 1...86_400) {
            anonymous.idleTimeout = value
        }
        if let value = try seconds(overrides.stalledReaderSeconds, "stalled_reader_seconds", 1...3600) {
            stalledReaderTimeout = value
        }
    }
}
