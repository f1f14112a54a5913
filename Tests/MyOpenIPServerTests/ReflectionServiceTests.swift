import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("ReflectionService")
struct ReflectionServiceTests {
    private func listServices(on harness: ServiceHarness) async throws -> Myopenip_V1_ListServicesResponse {
        try await harness.listServices()
    }

    @Test("lists health and reflection with their request and response types")
    func healthAndReflection() async throws {
        let response = try await listServices(on: ServiceHarness())

        #expect(response.services.map(\.name) == ["grpc.health.v1.Health", "myopenip.v1.ReflectionService"])
        let health = try #require(response.services.first)
        #expect(health.methods.map(\.name) == ["Check", "Watch"])
        #expect(health.methods.allSatisfy { $0.requestType == "grpc.health.v1.HealthCheckRequest" })
        #expect(health.methods.allSatisfy { $0.responseType == "grpc.health.v1.HealthCheckResponse" })
        #expect(health.methods.map(\.serverStreaming) == [false, true])

        let reflection = try #require(response.services.last)
        #expect(reflection.methods.map(\.name) == ["ListServices"])
        #expect(reflection.methods.first?.requestType == Myopenip_V1_ListServicesRequest.protoMessageName)
        #expect(reflection.methods.first?.responseType == Myopenip_V1_ListServicesResponse.protoMessageName)
        #expect(reflection.methods.allSatisfy { !$0.serverStreaming })
    }

    @Test("services and their methods are sorted by name")
    func sorted() async throws {
        let response = try await listServices(on: ServiceHarness(additionalServices: [ExtraService()]))

        #expect(
            response.services.map(\.name) == [
                "grpc.health.v1.Health", "myopenip.v1.ReflectionService", "test.v1.ExtraService",
            ])
        #expect(response.services.last?.methods.map(\.name) == ["Alpha", "Zed"])
    }

    @Test("lists exactly the methods of the router")
    func matchesRouter() async throws {
        let harness = ServiceHarness(additionalServices: [ExtraService()])
        let response = try await listServices(on: harness)
        let listed = response.services.flatMap { service in
            service.methods.map { MethodDescriptor(service: service.name, method: $0.name) }
        }
        #expect(listed == harness.router.routes.map(\.descriptor))
    }
}
