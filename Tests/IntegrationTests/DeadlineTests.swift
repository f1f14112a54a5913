import MyOpenIPClient
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPTransport
import Testing

@Suite("Deadlines")
struct DeadlineTests {
    @Test(arguments: TestTransport.allCases)
    func workPastTheDeadlineIsCancelledAndTheCallerToldSo(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(transport)
            let start = ContinuousClock.now
            let error = await rpcError {
                try await client.probe(ProbeService.sleep, ["ms": "20000"], options: CallOptions(timeout: .milliseconds(150)))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(start.duration(to: .now) < .seconds(10))  // far below the handler's 20 s, even on a loaded machine
            #expect(await daemon.probe.wait(for: "sleep.cancelled"))
            #expect(daemon.probe.count("sleep.finished") == 0)
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    /// The daemon keeps the deadline itself: a raw caller without a timer of its own gets
    /// DEADLINE_EXCEEDED on time, even from a handler that ignores cancellation.
    @Test(arguments: TestTransport.allCases)
    func theDaemonAnswersOnTimeWhateverTheHandlerDoes(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let connection = ClientConnection(target: daemon.target(transport))
            for method in [ProbeService.sleep, ProbeService.stubborn] {
                var request = Ttrpc_Request()
                request.service = method.service
                request.method = method.method
                request.payload = try Google_Rpc_ErrorInfo.probe(["ms": "20000"]).serializedBytes()
                request.timeoutNano = 200_000_000
                let start = ContinuousClock.now
                let response = try await connection.call(request, timeout: nil)
                #expect(response.status.code == StatusCode.deadlineExceeded.rawValue)
                #expect(start.duration(to: .now) < .seconds(10))  // far below the handler's 20 s, even on a loaded machine
            }
            await connection.close()
        }
    }

    @Test func aCallWithoutTimeoutHasNoDeadline() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.unix, configuration: .init(defaultTimeout: nil))
            let echo = try await client.probe(ProbeService.echo)
            #expect(echo.metadata["has_deadline"] == "no")
            await client.close()
        }
    }

    @Test func anAlreadyExpiredDeadlineDoesNoWork() async throws {
        try await withTestDaemon { daemon async throws in
            let connection = RawConnectionFactory.unix(daemon)
            try connection.sendRequest(
                streamID: 1, service: ProbeService.serviceName, method: "Sleep",
                message: Google_Rpc_ErrorInfo.probe(["ms": "10"]), timeoutNano: 1)
            let (streamID, response) = try #require(try connection.readResponse())
            #expect(streamID == 1)
            #expect(response.status.code == StatusCode.deadlineExceeded.rawValue)
            #expect(daemon.probe.count("sleep.started") == 0)
        }
    }
}

enum RawConnectionFactory {
    static func unix(_ daemon: TestDaemon) -> RawConnection {
        try! RawConnection(unixPath: daemon.socketPath)
    }

    static func connect(_ daemon: TestDaemon, _ transport: TestTransport) throws -> RawConnection {
        switch transport {
        case .unix: return try RawConnection(unixPath: daemon.socketPath)
        case .tcp: return try RawConnection(tcpPort: daemon.tcpPort)
        }
    }
}
