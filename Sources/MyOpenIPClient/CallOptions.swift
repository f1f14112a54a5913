import MyOpenIPRPC

/// Per-call settings: a deadline and metadata.
public struct CallOptions: Sendable {
    /// How long to wait for the answer; the daemon cancels the work past it. Nil: the client's default.
    public var timeout: Duration?
    /// Metadata sent with the call, on top of the client's default metadata.
    public var metadata: Metadata

    public init(timeout: Duration? = nil, metadata: Metadata = Metadata()) {
        self.timeout = timeout
        self.metadata = metadata
    }

    /// Options with the given `x-request-id`.
    public static func requestID(_ id: String, timeout: Duration? = nil) -> CallOptions {
        CallOptions(timeout: timeout, metadata: [Metadata.Keys.requestID: id])
    }

    /// Options with the given `idempotency-key`, for a write that may be retried.
    public static func idempotencyKey(_ key: String, timeout: Duration? = nil) -> CallOptions {
        CallOptions(timeout: timeout, metadata: [Metadata.Keys.idempotencyKey: key])
    }

    public static let `default` = CallOptions()
}
