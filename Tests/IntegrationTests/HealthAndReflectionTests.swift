import MyOpenIPClient
import MyOpenIPProto
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

            // Each method's rule, as the contract in proto/ gives it.
            func method(_ service: String, _ name: String) throws -> Myopenip_V1_MethodDescription {
                try #require(services.first { $0.name == service }?.methods.first { $0.name == name })
            }
            #expect(try method("grpc.health.v1.Health", "Check").access == "public")
            #expect(try method("myopenip.v1.RightsService", "ListRightTemplates").access == "signed in")
            #expect(try method("myopenip.v1.IdentityService", "WhoAmI").access == "signed in before terms")
            #expect(try method("myopenip.v1.TermsService", "AcceptTerms").access == "signed in before terms")
            #expect(try method("myopenip.v1.CompanyService", "CreateCompany").access == "operator only")
            #expect(try method("myopenip.v1.SiteService", "UpdateSite").access == "permission company.write")
            #expect(try method("myopenip.v1.SiteService", "UpdateSite").idempotentWrite)
            #expect(try !method("myopenip.v1.IdentityService", "Login").idempotentWrite)
            #expect(try method(ProbeService.serviceName, "Echo").access == "public")
            for service in services where service.name.hasPrefix("myopenip.") || service.name.hasPrefix("grpc.") {
                for method in service.methods {
                    #expect(method.access != "none", "\(service.name)/\(method.name)")
                }
            }
            await client.close()
        }
    }
}
