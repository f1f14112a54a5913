import MyOpenIPProto
import MyOpenIPRPC

/// A service other than health and reflection.
struct ExtraService: RPCService {
    static let serviceName = "test.v1.ExtraService"

    func register(on router: inout RPCRouter) {
        for name in ["Zed", "Alpha"] {
            router.registerUnary(MethodDescriptor(service: Self.serviceName, method: name)) {
                (_: Grpc_Health_V1_HealthCheckRequest, _) in Grpc_Health_V1_HealthCheckResponse()
            }
        }
    }
}
