import Foundation

/// A write that a caller marked with an idempotency key: who, which key, and what it asked.
public struct IdempotencyClaim: Sendable, Hashable {
    /// Whose key it is (`account:<id>`, `operator:<uid>`): two callers never share keys.
    public var caller: String
    /// The key the caller chose.
    public var key: String
    /// `service/method`.
    public var method: String
    /// A digest of the request message: a key used again with another request is refused.
    public var requestDigest: Data

    public init(caller: String, key: String, method: String, requestDigest: Data) {
        self.caller = caller
        self.key = key
        self.method = method
        self.requestDigest = requestDigest
    }
}

/// The answer a keyed write got, kept to be given again to a retry: its status and, when OK,
/// the serialized response message.
public struct IdempotencyOutcome: Sendable, Hashable {
    /// The status code (0 for OK).
    public var statusCode: Int32
    public var message: String
    public var reason: String?
    public var field: String?
    public var metadata: [String: String]
    /// The serialized response message (empty for an error).
    public var payload: Data

    public init(
        statusCode: Int32, message: String = "", reason: String? = nil, field: String? = nil,
        metadata: [String: String] = [:], payload: Data = Data()
    ) {
        self.statusCode = statusCode
        self.message = message
        self.reason = reason
        self.field = field
        self.metadata = metadata
        self.payload = payload
    }
}

/// What the store says of a claim's key.
public enum IdempotencyStatus: Sendable, Hashable {
    /// The key is new (or its record expired): the call may run; its write keeps the record.
    case free
    /// The key already answered this same request: give this answer again.
    case replay(IdempotencyOutcome)
    /// A call with this key is still running.
    case inProgress
    /// The key was used for another method or another request.
    case mismatch
}
