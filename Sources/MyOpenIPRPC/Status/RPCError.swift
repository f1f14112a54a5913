/// The one error type of MyOpenIP calls, on the server and in the client.
///
/// `message` is what a person may read (domain messages in French, word for word from the
/// product's guides); `reason` is a stable machine reason (e.g. `UNKNOWN_METHOD`) and `field`
/// names the offending request field when there is one. Both travel in the response status as a
/// `google.rpc.ErrorInfo` detail.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var reason: String?
    public var field: String?
    /// Further machine-readable facts about the error, sent in `ErrorInfo.metadata`.
    public var metadata: [String: String]

    public init(
        _ code: StatusCode,
        _ message: String,
        reason: String? = nil,
        field: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.code = code
        self.message = message
        self.reason = reason
        self.field = field
        self.metadata = metadata
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let reason { text += " [\(reason)]" }
        if let field { text += " (field: \(field))" }
        return text
    }
}

extension RPCError {
    /// The method or service is not served by this daemon.
    public static func unimplemented(service: String, method: String) -> RPCError {
        RPCError(.unimplemented, "unknown method \(service)/\(method)", reason: "UNKNOWN_METHOD")
    }

    /// The caller's deadline passed before the call finished.
    public static let deadlineExceeded = RPCError(
        .deadlineExceeded, "the deadline of the call was exceeded", reason: "DEADLINE_EXCEEDED")

    /// An unexpected failure; the caller learns nothing more, the daemon logs the cause.
    public static let internalError = RPCError(.internal, "internal error", reason: "INTERNAL")
}
