import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `grpc.health.v1.Health`.
extension HealthClient {
    /// The serving status of the daemon (`service` empty) or of one of its services.
    /// Throws NOT_FOUND for a service the daemon does not have.
    public func check(
        service: String = "", options: CallOptions = .default
    ) async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = service
        return try await check(request, options: options).status
    }

    /// Streams the serving status of the daemon (`service` empty) or of one service: the status
    /// now, then NOT_SERVING when the daemon begins to shut down, and the stream ends.
    /// SERVICE_UNKNOWN for a service the daemon does not have.
    public func watch(
        service: String = "", options: CallOptions = .default
    ) async throws -> some AsyncSequence<Grpc_Health_V1_HealthCheckResponse.ServingStatus, any Error> {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = service
        return try await watch(request, options: options).map(\.status)
    }
}

extension MyOpenIPClient {
    /// `grpc.health.v1.Health`.
    public var health: HealthClient { HealthClient(client: self) }
}
