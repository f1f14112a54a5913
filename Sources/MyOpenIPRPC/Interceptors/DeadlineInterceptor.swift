/// Applies the caller's deadline inside the chain: a call whose deadline has already passed is
/// refused before any work, and a call cancelled because its deadline passed ends with
/// DEADLINE_EXCEEDED rather than CANCELLED.
///
/// The timer itself belongs to the transport, which holds each call's task: when the deadline
/// passes it cancels the task and answers DEADLINE_EXCEEDED at once, without waiting for the
/// handler to notice (see `ServerConnectionHandler`). A timer per call on the event loop costs
/// far less than a timer task per call.
public struct DeadlineInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        guard let deadline = context.deadline else { return try await next(request, context) }
        guard deadline > .now else { throw RPCError.deadlineExceeded }
        do {
            return try await next(request, context)
        } catch {
            if deadline <= .now, Task.isCancelled || error is CancellationError {
                throw RPCError.deadlineExceeded
            }
            throw error
        }
    }
}
