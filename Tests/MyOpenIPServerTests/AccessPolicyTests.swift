import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("AccessPolicy")
struct AccessPolicyTests {
    /// The deny-by-default guard: every method a daemon serves has a rule, which comes from its
    /// contract in proto/ (the generator refuses a method without one).
    @Test("the daemon's policy has a rule for every method of its router")
    func everyMethodHasARule() async throws {
        try await withTemporaryFolder { folder in
            let configuration = DaemonConfiguration.defaults(environment: ["MYOPENIP_DATA_DIR": folder])
            let daemon = try Daemon(configuration: configuration, logger: makeTestLogger())

            #expect(!daemon.router.routes.isEmpty)
            #expect(daemon.accessPolicy.methodsWithoutRule(in: daemon.router) == [])
            for route in daemon.router.routes {
                #expect(daemon.accessPolicy.rule(for: route.descriptor) != nil, "\(route.descriptor) has no access rule")
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
        let policy = AccessPolicy(contracts: HealthServiceContract.methods + ReflectionServiceContract.methods)
        #expect(policy.rule(for: HealthService.check) == .public)
        #expect(policy.rule(for: HealthService.watch) == .public)
        #expect(policy.rule(for: ReflectionService.listServices) == .public)
    }

    @Test("the policy of a contract is its methods' access options")
    func contractRules() {
        let policy = AccessPolicy(contracts: SiteServiceContract.methods + TermsServiceContract.methods)
        #expect(policy.rule(for: SiteService.listSites) == .permission(.companyRead))
        #expect(policy.rule(for: SiteService.deleteSite) == .permission(.companyWrite))
        #expect(policy.rule(for: TermsService.publishTerms) == .operatorOnly)
        #expect(policy.rule(for: TermsService.acceptTerms) == .signedInBeforeTerms)
        #expect(policy.rule(for: IdentityService.login) == nil)
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
