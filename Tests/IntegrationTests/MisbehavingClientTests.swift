import Foundation
import MyOpenIPClient
import MyOpenIPProto
import MyOpenIPRPC
import Testing

/// A bad client gets a clear answer or loses its own connection, and nobody else notices.
@Suite("Misbehaving clients")
struct MisbehavingClientTests {
    private static let health = Grpc_Health_V1_HealthCheckRequest()

    @Test(arguments: TestTransport.allCases)
    func anOversizedFrameIsRefusedUnreadAndTheConnectionGoesOn(transport: TestTransport) async throws {
        try await withTestDaemon(maximumMessageSize: 64 * 1024) { daemon async throws in
            let raw = try RawConnectionFactory.connect(daemon, transport)
            // An anonymous peer's connection reads one small buffer per wake-up of its event
            // loop: skipping 5 MiB takes a while when the suite keeps the loops busy.
            raw.setReceiveTimeout(seconds: 60)
            let big = [UInt8](repeating: 0x41, count: 5 * 1024 * 1024)
            #expect(raw.sendFrame(streamID: 1, payload: big))
            try raw.sendRequest(streamID: 3, service: "grpc.health.v1.Health", method: "Check", message: Self.health)

            let first = try #require(try raw.readResponse())
            #expect(first.streamID == 1)
            #expect(first.response.status.code == StatusCode.resourceExhausted.rawValue)
            #expect(RPCError(status: first.response.status).reason == "MESSAGE_TOO_LARGE")
            let second = try #require(try raw.readResponse())
            #expect(second.streamID == 3)
            #expect(second.response.status.code == 0)
        }
    }

    @Test func theClientRefusesToSendAnOversizedMessageAndTheDaemonRefusesOneSentAnyway() async throws {
        try await withTestDaemon(maximumMessageSize: 64 * 1024) { daemon async throws in
            let big = String(repeating: "x", count: 100 * 1024)
            // A client whose own limit is lower refuses to send.
            let careful = daemon.client(.unix, configuration: .init(maximumMessageSize: 64 * 1024))
            let local = await rpcError { try await careful.probe(ProbeService.echo, ["blob": big]) }
            #expect(local?.code == .resourceExhausted)
            // A client with a higher limit sends; the daemon refuses without reading it.
            let eager = daemon.client(.tcp, configuration: .init(maximumMessageSize: 1024 * 1024))
            let remote = await rpcError { try await eager.probe(ProbeService.echo, ["blob": big]) }
            #expect(remote?.code == .resourceExhausted)
            #expect(try await eager.health.check() == .serving)
            await careful.close()
            await eager.close()
        }
    }

    @Test("an answer over the maximum message size becomes an error; the connection goes on", arguments: TestTransport.allCases)
    func anOversizedAnswerIsReplacedByAnError(transport: TestTransport) async throws {
        try await withTestDaemon(maximumMessageSize: 1024) { daemon async throws in
            let client = daemon.client(transport)
            let tooLarge = await rpcError { try await client.reflection.listServices() }
            #expect(tooLarge?.code == .resourceExhausted)
            #expect(tooLarge?.reason == "RESPONSE_TOO_LARGE")
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    @Test(arguments: TestTransport.allCases)
    func garbageClosesOnlyThatConnection(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let bystander = daemon.client(transport)
            #expect(try await bystander.health.check() == .serving)

            let garbage: [[UInt8]] = [
                Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),  // first byte not zero
                RawConnection.header(length: 0, streamID: 1, type: 9, flags: 0),  // unknown frame type
                RawConnection.header(length: 0, streamID: 2, type: 1, flags: 0),  // even stream id
                RawConnection.header(length: 0, streamID: 1, type: 2, flags: 0),  // a response from a client
            ]
            for bytes in garbage {
                let raw = try RawConnectionFactory.connect(daemon, transport)
                raw.send(bytes)
                #expect(raw.isClosedByPeer())
            }
            #expect(try await bystander.health.check() == .serving)
            await bystander.close()
        }
    }

    @Test func aReusedStreamIdClosesTheConnection() async throws {
        try await withTestDaemon { daemon async throws in
            let raw = RawConnectionFactory.unix(daemon)
            let request = try RawConnection.request(
                service: ProbeService.serviceName, method: "Sleep", message: Google_Rpc_ErrorInfo.probe(["ms": "500"]))
            raw.sendFrame(streamID: 5, payload: request)
            raw.sendFrame(streamID: 5, payload: request)
            #expect(raw.readFrame() == nil)
        }
    }

    @Test func aMalformedEnvelopeIsInvalidArgumentOnItsStream() async throws {
        try await withTestDaemon { daemon async throws in
            let raw = RawConnectionFactory.unix(daemon)
            raw.sendFrame(streamID: 7, payload: [0xFF, 0xFF, 0xFF])
            let answer = try #require(try raw.readResponse())
            #expect(answer.streamID == 7)
            #expect(answer.response.status.code == StatusCode.invalidArgument.rawValue)
            #expect(RPCError(status: answer.response.status).reason == "MALFORMED_ENVELOPE")
        }
    }

    @Test func aStreamingRequestIsRefusedOnItsStream() async throws {
        try await withTestDaemon { daemon async throws in
            let raw = RawConnectionFactory.unix(daemon)
            let request = try RawConnection.request(service: "grpc.health.v1.Health", method: "Check", message: Self.health)
            raw.sendFrame(streamID: 9, flags: 0x02, payload: request)
            let answer = try #require(try raw.readResponse())
            #expect(answer.response.status.code == StatusCode.unimplemented.rawValue)
            // Data frames on a unary stream are dropped; the connection stays usable.
            raw.sendFrame(streamID: 9, type: 3, flags: 0x01, payload: [1, 2, 3])
            try raw.sendRequest(streamID: 11, service: "grpc.health.v1.Health", method: "Check", message: Self.health)
            #expect(try raw.readResponse()?.response.status.code == 0)
        }
    }

    @Test(arguments: TestTransport.allCases)
    func aClientThatLeavesMidCallHasItsWorkCancelled(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let bystander = daemon.client(transport)
            do {
                let raw = try RawConnectionFactory.connect(daemon, transport)
                try raw.sendRequest(
                    streamID: 1, service: ProbeService.serviceName, method: "Sleep",
                    message: Google_Rpc_ErrorInfo.probe(["ms": "30000"]))
                #expect(await daemon.probe.wait(for: "sleep.started"))
            }  // the raw connection closes here
            // Cancelled long before the handler's 30 s, however loaded the machine running the tests.
            #expect(await daemon.probe.wait(for: "sleep.cancelled", timeout: .seconds(15)))
            #expect(try await bystander.health.check() == .serving)
            await bystander.close()
        }
    }

    @Test func callsBeyondTheLimitOfAConnectionAreRefused() async throws {
        try await withTestDaemon(maximumCallsPerConnection: 4) { daemon async throws in
            let raw = RawConnectionFactory.unix(daemon)
            for streamID in stride(from: UInt32(1), through: 9, by: 2) {  // 5 calls, the limit is 4
                try raw.sendRequest(
                    streamID: streamID, service: ProbeService.serviceName, method: "Sleep",
                    message: Google_Rpc_ErrorInfo.probe(["ms": "300"]))
            }
            let refused = try #require(try raw.readResponse())
            #expect(refused.streamID == 9)
            #expect(refused.response.status.code == StatusCode.resourceExhausted.rawValue)
            #expect(RPCError(status: refused.response.status).reason == "TOO_MANY_CALLS")
            var finished: [UInt32] = []
            for _ in 0..<4 { finished.append(try #require(try raw.readResponse()).streamID) }
            #expect(finished.sorted() == [1, 3, 5, 7])
        }
    }

    /// A client that sends without reading the answers is not read from until it does: the
    /// answers cannot pile up in the daemon's memory.
    @Test func aClientThatNeverReadsIsNoLongerRead() async throws {
        try await withTestDaemon { daemon async throws in
            let request = try RawConnection.request(
                service: ProbeService.serviceName, method: "Echo",
                message: Google_Rpc_ErrorInfo.probe(["blob": String(repeating: "x", count: 1000)]),
                metadata: ["x-request-id": String(repeating: "r", count: 200)])
            // Blocking socket work runs on its own thread, not on the tasks' shared threads.
            let (sent, answered) = await onOwnThread {
                let raw = RawConnectionFactory.unix(daemon)
                raw.setSendTimeout(seconds: 2)
                var sent = 0
                var streamID: UInt32 = 1
                while sent < 50_000, raw.sendFrame(streamID: streamID, payload: request) {
                    sent += 1
                    streamID += 2
                }
                // Once the client reads, the daemon goes on and answers every whole request sent.
                var answered = 0
                while answered < sent, let frame = raw.readFrame(), frame.type == 2 { answered += 1 }
                return (sent, answered)
            }
            #expect(sent < 50_000)  // the daemon stopped reading: the socket filled up
            #expect(answered == sent)
            let bystander = daemon.client(.unix)
            #expect(try await bystander.health.check() == .serving)
            await bystander.close()
        }
    }

    @Test func responsesComeBackOutOfOrderOnOneConnection() async throws {
        try await withTestDaemon { daemon async throws in
            let raw = RawConnectionFactory.unix(daemon)
            try raw.sendRequest(
                streamID: 1, service: ProbeService.serviceName, method: "Sleep",
                message: Google_Rpc_ErrorInfo.probe(["ms": "300"]))
            try raw.sendRequest(streamID: 3, service: "grpc.health.v1.Health", method: "Check", message: Self.health)
            #expect(try raw.readResponse()?.streamID == 3)
            #expect(try raw.readResponse()?.streamID == 1)
        }
    }
}
