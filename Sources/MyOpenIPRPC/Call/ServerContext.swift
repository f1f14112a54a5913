import Logging

/// Everything a handler and the interceptors know about the call being served.
///
/// Interceptors may refine it (the authentication interceptor sets `principal`) before
/// passing it on; handlers read it.
public struct ServerContext: Sendable {
    /// The method being called.
    public var method: MethodDescriptor
    /// The metadata the caller sent.
    public var metadata: Metadata
    /// When the caller stops waiting, or nil without a deadline.
    public var deadline: ContinuousClock.Instant?
    /// The other end of the connection.
    public var peer: Peer
    /// Who is calling, once authenticated; `.anonymous` before.
    public var principal: Principal
    /// The caller's `x-request-id`, or one made up by the daemon.
    public var requestID: String
    /// The daemon's logger, without the call's metadata.
    public var baseLogger: Logger
    /// What the connection learns of its peer (a session signed in), when the transport asks.
    public var connectionTrust: ConnectionTrust?
    /// What the interceptors learn of the call on its way in, shared by every copy of the context.
    public let notes: CallNotes

    /// The caller's W3C `traceparent`, when it sent a valid one.
    public var traceParent: TraceParent? { metadata["traceparent"].flatMap(TraceParent.init) }

    /// A logger carrying the request id, the method and the caller's trace (built when asked
    /// for: most calls never log).
    public var logger: Logger {
        var logger = baseLogger
        logger[metadataKey: "request_id"] = "\(requestID)"
        logger[metadataKey: "method"] = "\(LogText.escaped(method.description))"
        if let trace = traceParent {
            logger[metadataKey: "trace_id"] = "\(trace.traceID)"
            logger[metadataKey: "parent_span_id"] = "\(trace.parentID)"
        }
        return logger
    }

    public init(
        method: MethodDescriptor,
        metadata: Metadata = Metadata(),
        deadline: ContinuousClock.Instant? = nil,
        peer: Peer,
        principal: Principal = .anonymous,
        requestID: String,
        logger: Logger,
        connectionTrust: ConnectionTrust? = nil,
        notes: CallNotes = CallNotes()
    ) {
        self.connectionTrust = connectionTrust
        self.notes = notes
        self.method = method
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
        self.principal = principal
        self.requestID = requestID
        self.baseLogger = logger
    }
}
