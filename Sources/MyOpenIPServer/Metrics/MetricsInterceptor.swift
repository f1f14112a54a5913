import MyOpenIPRPC

/// Counts and times every call by service, method and status code, and the calls in flight.
/// First in the chain, so that it sees every outcome, refusals included.
public struct MetricsInterceptor: ServerInterceptor {
    let metrics: DaemonMetrics

    public init(metrics: DaemonMetrics) {
        self.metrics = metrics
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        let start = ContinuousClock.now
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        do {
            let response = try await next(request, context)
            metrics.call(context.method, code: .ok, duration: ContinuousClock.now - start)
            return response
        } catch {
            metrics.call(
                context.method, code: StatusCode.outcome(of: error, deadline: context.deadline),
                duration: ContinuousClock.now - start)
            throw error
        }
    }
}
