import MyOpenIPProto
import MyOpenIPRPC

/// `grpc.health.v1.Health`: SERVING for "" and every registered service, NOT_SERVING once the
/// daemon is shutting down, NOT_FOUND for a service it does not have (`Check`) or SERVICE_UNKNOWN
/// (`Watch`, which streams the status and its change at shutdown).
public struct HealthService: HealthServiceProtocol {
    private let directory: ServiceDirectory
    private let servingState: ServingState

    public init(directory: ServiceDirectory, servingState: ServingState) {
        self.directory = directory
        self.servingState = servingState
    }

    /// Sends the status now (SERVICE_UNKNOWN for a service the daemon does not have), then
    /// NOT_SERVING when shutdown begins, and ends the stream.
    public func watch(
        _ request: Grpc_Health_V1_HealthCheckRequest, stream: ResponseStream<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        var response = Grpc_Health_V1_HealthCheckResponse()
        let known = request.service.isEmpty || directory.contains(service: request.service)
        response.status = !known ? .serviceUnknown : servingState.isDraining ? .notServing : .serving
        try await stream.send(response)
        // Shutdown may have begun while SERVING was on its way: the watcher must still see it end,
        // so only a first NOT_SERVING ends the stream here (waitUntilDraining returns at once then).
        guard response.status != .notServing else { return }
        await servingState.waitUntilDraining()
        try Task.checkCancellation()
        if known {
            response.status = .notServing
            try await stream.send(response)
        }
    }

    public func check(
        _ request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) throws -> Grpc_Health_V1_HealthCheckResponse {
        guard request.service.isEmpty || directory.contains(service: request.service) else {
            throw RPCError(.notFound, "unknown service \(request.service)", reason: "UNKNOWN_SERVICE", field: "service")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = servingState.isDraining ? .notServing : .serving
        return response
    }
}
