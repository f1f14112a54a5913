import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("HealthService")
struct HealthServiceTests {
    private func check(_ service: String, on harness: ServiceHarness) async throws
        -> Grpc_Health_V1_HealthCheckResponse.ServingStatus
    {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = service
        return try await harness.check(request).status
    }

    @Test(
        "the daemon as a whole and every known service are SERVING",
        arguments: [
            "", HealthService.serviceName, ReflectionService.serviceName,
        ])
    func serving(service: String) async throws {
        #expect(try await check(service, on: ServiceHarness()) == .serving)
    }

    @Test("services registered besides health and reflection are known too")
    func additionalService() async throws {
        let harness = ServiceHarness(additionalServices: [ExtraService()])
        #expect(try await check(ExtraService.serviceName, on: harness) == .serving)
    }

    @Test(
        "NOT_SERVING once the daemon drains",
        arguments: [
            "", HealthService.serviceName, ReflectionService.serviceName,
        ])
    func draining(service: String) async throws {
        let harness = ServiceHarness()
        harness.servingState.beginDraining()
        #expect(try await check(service, on: harness) == .notServing)
    }

    @Test("an unknown service is NOT_FOUND (5)", arguments: ["nope", "grpc.health.v1.health", " "])
    func unknownService(service: String) async throws {
        let error = await #expect(throws: RPCError.self) {
            _ = try await check(service, on: ServiceHarness())
        }
        #expect(error?.code == .notFound)
        #expect(error?.code.rawValue == 5)
        #expect(error?.reason == "UNKNOWN_SERVICE")
        #expect(error?.field == "service")
    }
}
