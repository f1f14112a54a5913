import Foundation

/// A serialized request on its way to a handler.
public struct ServerRequest: Sendable {
    /// The serialized request message.
    public var payload: Data

    public init(payload: Data) { self.payload = payload }
}

/// A serialized response on its way back to the caller.
public struct ServerResponse: Sendable {
    /// The serialized response message.
    public var payload: Data

    public init(payload: Data) { self.payload = payload }
}

/// The untyped form every registered method takes in the router.
public typealias RPCHandler = @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
