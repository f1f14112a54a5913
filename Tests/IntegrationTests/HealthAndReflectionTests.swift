import MyOpenIPClient
import MyOpenIPServer
import Testing

@Suite("Health and reflection over the real transports")
struct HealthAndReflectionTests {
    @Test(arguments: TestTransport.allCases)
    func daemonAndEachServiceAreServing(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            #expect(try await client.health.check() == .serving)
            for service in ["grpc.health.v1.Health", "myopenip.v1.ReflectionService", ProbeService.serviceName] {
                #expect(try await client.health.check(service: service) == .serving)
            }
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func unknownServiceIsNotFound(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            let error = await rpcError { try await client.health.check(service: "myopenip.v1.NoSuchService") }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "UNKNOWN_SERVICE")
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func listServicesMatchesTheRouter(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            let services = try await client.reflection.listServices()
            let listed = services.flatMap { service in service.methods.map { "\(service.name)/\($0.name)" } }
            let routed = daemon.daemon.router.routes.map { "\($0.descriptor)" }
            #expect(listed == routed)
            let health = try #require(services.first { $0.name == "grpc.health.v1.Health" })
            #expect(health.methods.map(\.name) == ["Check", "Watch"])
            #expect(health.methods.first?.requestType == "grpc.health.v1.HealthCheckRequest")
            #expect(health.methods.first?.responseType == "grpc.health.v1.HealthCheckResponse")
            #expect(services.map(\.name) == services.map(\.name).sorted())
            await client.close()
        }
    }
}
