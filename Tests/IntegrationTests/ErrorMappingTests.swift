import Foundation
import MyOpenIPClient
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPTransport
import Testing

@Suite("Statuses, errors and metadata as callers see them")
struct ErrorMappingTests {
    @Test(arguments: TestTransport.allCases)
    func unknownServiceOrMethodIsUnimplemented(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            for method in [
                MethodDescriptor(service: "myopenip.v1.Nothing", method: "Call"),
                MethodDescriptor(service: ProbeService.serviceName, method: "NoSuchMethod"),
            ] {
                let error = await rpcError { try await client.probe(method) }
                #expect(error?.code == .unimplemented)
                #expect(error?.reason == "UNKNOWN_METHOD")
                #expect(error?.message.contains(method.method) == true)
            }
            // The connection is still good.
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func undecodablePayloadIsInvalidArgument(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let connection = ClientConnection(target: daemon.target(transport))
            var request = Ttrpc_Request()
            request.service = "grpc.health.v1.Health"
            request.method = "Check"
            request.payload = Data([0xFF, 0xFF, 0xFF, 0xFF])
            let response = try await connection.call(request, timeout: .seconds(5))
            let error = RPCError(status: response.status)
            #expect(error.code == .invalidArgument)
            #expect(error.reason == "MALFORMED_PAYLOAD")
            await connection.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func handlerErrorsKeepCodeMessageReasonAndField(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            let error = try #require(await rpcError { try await client.probe(ProbeService.refuse) })
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "Vous devez accepter les conditions d'utilisation")
            #expect(error.reason == "TERMS_NOT_ACCEPTED")
            #expect(error.field == "terms_version")
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func unexpectedErrorsAreInternalWithoutDetail(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            let error = try #require(await rpcError { try await client.probe(ProbeService.crash) })
            #expect(error.code == .internal)
            #expect(error.message == "internal error")
            #expect(!error.description.contains("secret"))
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func metadataReachesHandlers(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            client.metadata = ["authorization": "Bearer abc123"]
            var options = CallOptions.idempotencyKey("order-42")
            options.metadata["X-Request-Id"] = "req-7"
            let echo = try await client.probe(ProbeService.echo, options: options)
            #expect(echo.metadata["md:authorization"] == "Bearer abc123")
            #expect(echo.metadata["md:idempotency-key"] == "order-42")
            #expect(echo.metadata["md:x-request-id"] == "req-7")
            #expect(echo.metadata["request_id"] == "req-7")
            #expect(echo.metadata["has_deadline"] == "yes")  // the client's default timeout travels

            // Without a request id, the daemon makes one up.
            let second = try await client.probe(ProbeService.echo)
            #expect(second.metadata["request_id"]?.isEmpty == false)
            #expect(second.metadata["request_id"] != "req-7")
            await client.close()
        }
    }

    @Test func operatorIsTheAllowedUidOverTheUnixSocketOnly() async throws {
        try await withTestDaemon { daemon async throws in
            let unix = daemon.client(.unix)
            let tcp = daemon.client(.tcp)
            let answer = try await unix.probe(ProbeService.operatorOnly)
            #expect(answer.metadata["principal"] == "operator(uid=\(getuid()))")
            let echo = try await unix.probe(ProbeService.echo)
            #expect(echo.metadata["peer"]?.hasPrefix("unix(pid=\(getpid()),uid=\(getuid())") == true)

            let error = await rpcError { try await tcp.probe(ProbeService.operatorOnly) }
            #expect(error?.code == .unauthenticated)
            await unix.close()
            await tcp.close()
        }
    }

    @Test func aUidOutsideTheListIsAnonymous() async throws {
        try await withTestDaemon(operatorUIDs: [4_000_000]) { daemon async throws in
            let client = daemon.client(.unix)
            let error = await rpcError { try await client.probe(ProbeService.operatorOnly) }
            #expect(error?.code == .unauthenticated)
            await client.close()
        }
    }
}
