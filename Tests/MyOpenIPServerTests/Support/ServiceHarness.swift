import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer

/// A router with the health and reflection services, as a daemon builds it.
struct ServiceHarness {
    let router: RPCRouter
    let servingState = ServingState()

    init(additionalServices: [any RPCService] = []) {
        router = Daemon.makeRouter(services: additionalServices, servingState: servingState).router
    }

    /// Calls `grpc.health.v1.Health/Check` through its route.
    func check(_ request: Grpc_Health_V1_HealthCheckRequest) async throws -> Grpc_Health_V1_HealthCheckResponse {
        let payload = try await call(HealthService.check, payload: try request.serializedBytes())
        return try Grpc_Health_V1_HealthCheckResponse(serializedBytes: payload)
    }

    /// Calls `myopenip.v1.ReflectionService/ListServices` through its route.
    func listServices() async throws -> Myopenip_V1_ListServicesResponse {
        let payload = try await call(
            ReflectionService.listServices, payload: try Myopenip_V1_ListServicesRequest().serializedBytes())
        return try Myopenip_V1_ListServicesResponse(serializedBytes: payload)
    }

    private func call(_ method: MethodDescriptor, payload: Data) async throws -> Data {
        guard let route = router.route(for: method) else {
            throw RPCError.unimplemented(service: method.service, method: method.method)
        }
        return try await route.handler(ServerRequest(payload: payload), makeContext(method)).payload
    }
}
