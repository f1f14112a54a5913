import MyOpenIPClient
import MyOpenIPProto
import Testing

@Suite("Server-streaming calls")
struct StreamingTests {
    private func numbers(
        _ client: MyOpenIPClient, _ parameters: [String: String], options: CallOptions = .default
    ) async throws -> [String] {
        var received: [String] = []
        let stream = try await client.serverStreaming(
            ProbeService.count, request: Google_Rpc_ErrorInfo.probe(parameters), as: Google_Rpc_ErrorInfo.self,
            options: options)
        for try await message in stream { received.append(message.reason) }
        return received
    }

    @Test(arguments: TestTransport.allCases)
    func messagesArriveInOrderAndTheStreamEnds(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            #expect(try await numbers(client, ["n": "50"]) == (1...50).map(String.init))
            #expect(try await numbers(client, ["n": "0"]) == [])
            #expect(daemon.probe.count("count.finished") == 2)
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func anErrorEndsTheStreamWithItsStatus(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            var received: [String] = []
            let error = await rpcError {
                let stream = try await client.serverStreaming(
                    ProbeService.count, request: Google_Rpc_ErrorInfo.probe(["n": "10", "fail_after": "3"]),
                    as: Google_Rpc_ErrorInfo.self)
                for try await message in stream { received.append(message.reason) }
            }
            #expect(received == ["1", "2", "3"])
            #expect(error?.code == .failedPrecondition)
            #expect(error?.reason == "STOPPED")
            #expect(error?.field == "fail_after")
            await client.close()
        }
    }

    @Test func aStreamPastItsDeadlineIsCutOffAndItsWorkCancelled() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.unix)
            var received = 0
            let error = await rpcError {
                let stream = try await client.serverStreaming(
                    ProbeService.count, request: Google_Rpc_ErrorInfo.probe(["n": "1000", "ms": "50"]),
                    as: Google_Rpc_ErrorInfo.self, options: CallOptions(timeout: .seconds(3)))
                for try await _ in stream { received += 1 }
            }
            #expect(error?.code == .deadlineExceeded)
            // At one message every 50 ms, at most 60 fit in the deadline; a loaded machine sends fewer.
            #expect(received >= 1 && received < 100)
            #expect(await daemon.probe.wait(for: "count.cancelled"))
            await client.close()
        }
    }

    @Test func unaryCallsGoOnBesideAnOpenStreamAndAnAbandonedOne() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.tcp)
            let stream = try await client.serverStreaming(
                ProbeService.count, request: Google_Rpc_ErrorInfo.probe(["n": "40", "ms": "10"]),
                as: Google_Rpc_ErrorInfo.self)
            var seen = 0
            for try await _ in stream {
                seen += 1
                #expect(try await client.health.check() == .serving)
                if seen == 5 { break }  // abandon the stream
            }
            #expect(seen == 5)
            let echo = try await client.probe(ProbeService.echo, options: .requestID("after"))
            #expect(echo.metadata["request_id"] == "after")
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func healthWatchReportsServingThenNotServingAtShutdown(transport: TestTransport) async throws {
        let daemon = try await TestDaemon.start(grace: .seconds(5))
        defer { daemon.removeFolder() }
        let client = daemon.client(transport)
        let statuses = try await client.health.watch()
        var iterator = statuses.makeAsyncIterator()
        #expect(try await iterator.next() == .serving)
        daemon.daemon.server.beginShutdown()
        #expect(try await iterator.next() == .notServing)
        #expect(try await iterator.next() == nil)
        try await daemon.waitUntilStopped()
        await client.close()
    }

    @Test func watchingAnUnknownServiceSaysSo() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.unix)
            var iterator = try await client.health.watch(service: "no.such.Service").makeAsyncIterator()
            #expect(try await iterator.next() == .serviceUnknown)
            await client.close()
        }
    }

    @Test func reflectionMarksStreamingMethods() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.unix)
            let services = try await client.reflection.listServices()
            let health = try #require(services.first { $0.name == "grpc.health.v1.Health" })
            #expect(health.methods.map(\.name) == ["Check", "Watch"])
            #expect(health.methods.map(\.serverStreaming) == [false, true])
            await client.close()
        }
    }
}
