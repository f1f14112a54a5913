import Foundation

/// A serialized request on its way to a handler.
public struct ServerRequest: Sendable {
    /// The serialized request message.
    public var payload: Data
    /// Where a server-streaming method sends its messages; nil for a unary call.
    public var stream: (any ServerStreamSink)?

    public init(payload: Data, stream: (any ServerStreamSink)? = nil) {
        self.payload = payload
        self.stream = stream
    }
}

/// A serialized response on its way back to the caller (empty for a server-streaming call,
/// whose messages went out as stream data).
public struct ServerResponse: Sendable {
    /// The serialized response message.
    public var payload: Data

    public init(payload: Data) { self.payload = payload }
}

/// The transport's end of a server-streaming call: each message sent becomes one data frame
/// on the call's stream, in order. `send` returns once the frame is written, so a fast producer
/// waits for a slow reader.
public protocol ServerStreamSink: Sendable {
    func send(_ payload: Data) async throws
}

/// The untyped form every registered method takes in the router.
public typealias RPCHandler = @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
