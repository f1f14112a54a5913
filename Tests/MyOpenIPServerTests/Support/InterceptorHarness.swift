import Foundation
import MyOpenIPRPC

/// A context for `method` from `peer`, as the dispatcher builds it.
func makeContext(
    _ method: MethodDescriptor, peer: Peer = .unix(nil), principal: Principal = .anonymous
) -> ServerContext {
    ServerContext(method: method, peer: peer, principal: principal, requestID: "test", logger: makeTestLogger())
}

/// Runs one interceptor in front of a handler that records in `reached` the context it receives,
/// and returns those contexts (none when the interceptor refused the call).
@discardableResult
func runThrough(
    _ interceptor: some ServerInterceptor, context: ServerContext,
    reached: Recorder<ServerContext> = Recorder()
) async throws -> [ServerContext] {
    _ = try await interceptor.intercept(ServerRequest(payload: Data()), context: context) { _, context in
        reached.record(context)
        return ServerResponse(payload: Data())
    }
    return reached.values
}
