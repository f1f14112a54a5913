import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("AuthorizationInterceptor")
struct AuthorizationInterceptorTests {
    static let open = MethodDescriptor(service: "test.v1.S", method: "Open")
    static let restricted = MethodDescriptor(service: "test.v1.S", method: "Restricted")
    static let forgotten = MethodDescriptor(service: "test.v1.S", method: "Forgotten")

    let interceptor = AuthorizationInterceptor(
        policy: AccessPolicy([
            open: .public,
            restricted: .operatorOnly,
        ]))

    @Test(
        "a public method lets anyone through",
        arguments: [
            Principal.anonymous, .operatorProcess(uid: 0),
        ])
    func publicMethod(principal: Principal) async throws {
        let reached = try await runThrough(interceptor, context: makeContext(Self.open, principal: principal))
        #expect(reached.count == 1)
    }

    @Test("an operator-only method lets the operator through")
    func operatorPasses() async throws {
        let context = makeContext(Self.restricted, principal: .operatorProcess(uid: 1000))
        let reached = try await runThrough(interceptor, context: context)
        #expect(reached.map(\.principal) == [.operatorProcess(uid: 1000)])
    }

    @Test("an operator-only method refuses an anonymous caller with UNAUTHENTICATED (16)")
    func anonymousRefused() async throws {
        let reached = Recorder<ServerContext>()
        let error = await #expect(throws: RPCError.self) {
            try await runThrough(interceptor, context: makeContext(Self.restricted), reached: reached)
        }
        #expect(error?.code == .unauthenticated)
        #expect(error?.code.rawValue == 16)
        #expect(reached.values.isEmpty)
    }

    @Test(
        "a method missing from the policy is PERMISSION_DENIED (7) with reason NO_ACCESS_RULE",
        arguments: [
            Principal.anonymous, .operatorProcess(uid: 0),
        ])
    func missingRule(principal: Principal) async throws {
        let reached = Recorder<ServerContext>()
        let error = await #expect(throws: RPCError.self) {
            try await runThrough(interceptor, context: makeContext(Self.forgotten, principal: principal), reached: reached)
        }
        #expect(reached.values.isEmpty)
        #expect(error?.code == .permissionDenied)
        #expect(error?.code.rawValue == 7)
        #expect(error?.reason == "NO_ACCESS_RULE")
    }

    @Test("behind authentication in a dispatcher, as in the daemon")
    func chained() async throws {
        var router = RPCRouter()
        router.registerUnary(Self.restricted) { (_: Grpc_Health_V1_HealthCheckRequest, _) in Grpc_Health_V1_HealthCheckResponse()
        }
        let dispatcher = CallDispatcher(
            router: router,
            interceptors: [
                AuthenticationInterceptor(operatorUIDs: [1000]),
                AuthorizationInterceptor(policy: AccessPolicy([Self.restricted: .operatorOnly])),
            ],
            logger: makeTestLogger())
        var request = Ttrpc_Request()
        request.service = Self.restricted.service
        request.method = Self.restricted.method

        let asOperator = await dispatcher.dispatch(
            request, peer: .unix(PeerCredentials(pid: 1, uid: 1000, gid: 1000)), deadline: nil)
        #expect(asOperator.status.code == 0)

        let asStranger = await dispatcher.dispatch(
            request, peer: .unix(PeerCredentials(pid: 1, uid: 1001, gid: 1000)), deadline: nil)
        #expect(asStranger.status.code == 16)

        let overTCP = await dispatcher.dispatch(request, peer: .tcp(host: "127.0.0.1", port: 9), deadline: nil)
        #expect(overTCP.status.code == 16)
    }
}
