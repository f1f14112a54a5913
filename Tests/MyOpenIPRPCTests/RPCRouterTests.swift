import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import Testing

@Suite("RPCRouter")
struct RPCRouterTests {
    static let check = MethodDescriptor(service: "test.v1.Probe", method: "Check")

    private func context(for method: MethodDescriptor) -> ServerContext {
        ServerContext(method: method, peer: .unix(nil), requestID: "req-1", logger: makeTestLogger())
    }

    private func makeRouter() -> RPCRouter {
        var router = RPCRouter()
        router.registerUnary(Self.check) { (request: Grpc_Health_V1_HealthCheckRequest, _) in
            healthResponse(request.service == "up" ? .serving : .notServing)
        }
        return router
    }

    @Test("a registered method is found and its handler decodes, runs and encodes")
    func registerAndRoute() async throws {
        let router = makeRouter()
        let route = try #require(router.route(for: Self.check))
        #expect(route.descriptor == Self.check)
        #expect(router.route(service: "test.v1.Probe", method: "Check")?.descriptor == Self.check)

        let response = try await route.handler(
            ServerRequest(payload: try healthRequest("up").encoded()), context(for: Self.check))
        let decoded = try Grpc_Health_V1_HealthCheckResponse(serializedBytes: response.payload)
        #expect(decoded.status == .serving)
    }

    @Test("an unknown service or method has no route")
    func unknownRoutes() {
        let router = makeRouter()
        #expect(router.route(for: MethodDescriptor(service: "test.v1.Other", method: "Check")) == nil)
        #expect(router.route(for: MethodDescriptor(service: "test.v1.Probe", method: "Watch")) == nil)
        #expect(router.route(service: "test.v1.probe", method: "Check") == nil)
        #expect(router.route(service: "", method: "") == nil)
        #expect(!router.hasService("test.v1.Other"))
        #expect(router.hasService("test.v1.Probe"))
    }

    @Test("a payload that does not decode is INVALID_ARGUMENT with reason MALFORMED_PAYLOAD")
    func malformedPayload() async throws {
        let route = try #require(makeRouter().route(for: Self.check))
        let error = await #expect(throws: RPCError.self) {
            try await route.handler(ServerRequest(payload: truncatedMessageBytes), context(for: Self.check))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "MALFORMED_PAYLOAD")
        #expect(error?.message.contains("grpc.health.v1.HealthCheckRequest") == true)
    }

    @Test("routes are sorted by service, then by method")
    func routesSorted() {
        var router = RPCRouter()
        let registered = [
            MethodDescriptor(service: "b.v1.Second", method: "Zeta"),
            MethodDescriptor(service: "a.v1.First", method: "Write"),
            MethodDescriptor(service: "b.v1.Second", method: "Alpha"),
            MethodDescriptor(service: "a.v1.First", method: "Read"),
        ]
        for descriptor in registered {
            router.registerUnary(descriptor) { (_: Grpc_Health_V1_HealthCheckRequest, _) in
                Grpc_Health_V1_HealthCheckResponse()
            }
        }

        #expect(
            router.routes.map(\.descriptor) == [
                MethodDescriptor(service: "a.v1.First", method: "Read"),
                MethodDescriptor(service: "a.v1.First", method: "Write"),
                MethodDescriptor(service: "b.v1.Second", method: "Alpha"),
                MethodDescriptor(service: "b.v1.Second", method: "Zeta"),
            ])
        #expect(router.serviceNames == ["a.v1.First", "b.v1.Second"])
    }

    @Test("reflection type names are the proto message names")
    func reflectionTypeNames() throws {
        let route = try #require(makeRouter().route(for: Self.check))
        #expect(route.requestType == Grpc_Health_V1_HealthCheckRequest.protoMessageName)
        #expect(route.responseType == Grpc_Health_V1_HealthCheckResponse.protoMessageName)
        #expect(route.requestType == "grpc.health.v1.HealthCheckRequest")
        #expect(route.responseType == "grpc.health.v1.HealthCheckResponse")
    }

    @Test("register(_:) lets a service register its methods")
    func registerService() {
        var router = RPCRouter()
        router.register(ProbeService())
        #expect(router.routes.map(\.descriptor) == [ProbeService.ping])
    }

    @Test("registering one method twice stops the process")
    func registeringTwiceTraps() async {
        await #expect(processExitsWith: .failure) {
            var router = RPCRouter()
            let method = MethodDescriptor(service: "test.v1.Twice", method: "Call")
            for _ in 0..<2 {
                router.registerUnary(method) { (_: Grpc_Health_V1_HealthCheckRequest, _) in
                    Grpc_Health_V1_HealthCheckResponse()
                }
            }
        }
    }
}

private struct ProbeService: RPCService {
    static let serviceName = "test.v1.ProbeService"
    static let ping = MethodDescriptor(service: serviceName, method: "Ping")

    func register(on router: inout RPCRouter) {
        router.registerUnary(Self.ping) { (_: Grpc_Health_V1_HealthCheckRequest, _) in
            Grpc_Health_V1_HealthCheckResponse()
        }
    }
}
