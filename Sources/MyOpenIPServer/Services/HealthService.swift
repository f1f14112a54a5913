import MyOpenIPProto
import MyOpenIPRPC

/// `grpc.health.v1.Health`: SERVING for "" and every registered service, NOT_SERVING once the
/// daemon is shutting down, NOT_FOUND for a service it does not have.
public struct HealthService: RPCService {
    public static let serviceName = "grpc.health.v1.Health"
    public static let check = MethodDescriptor(service: serviceName, method: "Check")

    private let directory: ServiceDirectory
    private let servingState: ServingState

    public init(directory: ServiceDirectory, servingState: ServingState) {
        self.directory = directory
        self.servingState = servingState
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.check) { (request: Grpc_Health_V1_HealthCheckRequest, _) in
            try self.check(request)
        }
    }

    func check(_ request: Grpc_Health_V1_HealthCheckRequest) throws -> Grpc_Health_V1_HealthCheckResponse {
        guard request.service.isEmpty || directory.contains(service: request.service) else {
            throw RPCError(.notFound, "unknown service \(request.service)", reason: "UNKNOWN_SERVICE", field: "service")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = servingState.isDraining ? .notServing : .serving
        return response
    }
}
