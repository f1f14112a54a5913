import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("AccessPolicy")
struct AccessPolicyTests {
    /// The deny-by-default guard: every method a daemon serves must have a rule in the standard
    /// policy. This fails as soon as a method is registered without one.
    @Test("the standard policy has a rule for every method of a daemon's router")
    func everyMethodHasARule() async throws {
        try await withTemporaryFolder { folder in
            let configuration = DaemonConfiguration.defaults(environment: ["MYOPENIP_DATA_DIR": folder])
            let daemon = try Daemon(configuration: configuration, logger: makeTestLogger())

            #expect(!daemon.router.routes.isEmpty)
            #expect(AccessPolicy.standard.methodsWithoutRule(in: daemon.router) == [])
            for route in daemon.router.routes {
                #expect(AccessPolicy.standard.rule(for: route.descriptor) != nil, "\(route.descriptor) has no access rule")
            }
        }
    }

    @Test("the daemon serves the methods the standard policy opens")
    func ruledMethodsAreServed() async throws {
        try await withTemporaryFolder { folder in
            let configuration = DaemonConfiguration.defaults(environment: ["MYOPENIP_DATA_DIR": folder])
            let daemon = try Daemon(configuration: configuration, logger: makeTestLogger())
            let served = Set(daemon.router.routes.map(\.descriptor))
            for method in [HealthService.check, ReflectionService.listServices] {
                #expect(served.contains(method))
            }
        }
    }

    @Test("health and reflection are public")
    func publicMethods() {
        #expect(AccessPolicy.standard.rule(for: HealthService.check) == .public)
        #expect(AccessPolicy.standard.rule(for: ReflectionService.listServices) == .public)
    }

    @Test("methodsWithoutRule lists exactly the methods that have no rule")
    func methodsWithoutRule() {
        let ruled = MethodDescriptor(service: "test.v1.A", method: "Ruled")
        let unruled = MethodDescriptor(service: "test.v1.A", method: "Unruled")
        var router = RPCRouter()
        for method in [ruled, unruled] {
            router.registerUnary(method) { (_: Grpc_Health_V1_HealthCheckRequest, _) in
                Grpc_Health_V1_HealthCheckResponse()
            }
        }
        let policy = AccessPolicy([ruled: .operatorOnly])

        #expect(policy.methodsWithoutRule(in: router) == [unruled])
        #expect(AccessPolicy([:]).methodsWithoutRule(in: router) == [ruled, unruled])
        #expect(policy.rule(for: unruled) == nil)
    }
}
