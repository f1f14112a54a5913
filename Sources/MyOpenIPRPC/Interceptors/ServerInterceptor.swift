/// A step every call passes through before its handler: logging, deadlines, authentication,
/// authorization. An interceptor may refine the context, refuse the call by throwing an
/// ``RPCError``, or observe the outcome of `next`.
public protocol ServerInterceptor: Sendable {
    func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse
}

/// Runs a handler behind interceptors, the first one outermost. An ``RPCErrorConvertible`` error
/// thrown by the handler or an interceptor becomes its ``RPCError`` at once, so that the
/// interceptors around it (logging) see the status the caller will get.
struct InterceptorChain: Sendable {
    let interceptors: [any ServerInterceptor]

    func run(_ request: ServerRequest, context: ServerContext, handler: @escaping RPCHandler) async throws -> ServerResponse {
        try await run(from: 0, request, context: context, handler: handler)
    }

    private func run(
        from index: Int,
        _ request: ServerRequest,
        context: ServerContext,
        handler: @escaping RPCHandler
    ) async throws -> ServerResponse {
        do {
            guard index < interceptors.count else { return try await handler(request, context) }
            return try await interceptors[index].intercept(request, context: context) { request, context in
                try await self.run(from: index + 1, request, context: context, handler: handler)
            }
        } catch let error as any RPCErrorConvertible {
            throw error.rpcError
        }
    }
}
