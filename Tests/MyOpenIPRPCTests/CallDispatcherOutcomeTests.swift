import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import Testing

@Suite("CallDispatcher outcomes")
struct CallDispatcherOutcomeTests {
    let fixture = DispatcherFixture()

    @Test("a successful call returns the payload with status code 0")
    func success() async throws {
        let response = await fixture.dispatcher().dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)

        #expect(response.hasStatus)
        #expect(response.status.code == 0)
        #expect(response.status.message.isEmpty)
        #expect(response.status.details.isEmpty)
        let payload = try Grpc_Health_V1_HealthCheckResponse(serializedBytes: response.payload)
        #expect(payload.status == .serving)
    }

    @Test(
        "an unknown method is UNIMPLEMENTED (12) with reason UNKNOWN_METHOD",
        arguments: [
            MethodDescriptor(service: "test.v1.Probe", method: "Nope"),
            MethodDescriptor(service: "test.v1.Nowhere", method: "Check"),
            MethodDescriptor(service: "", method: ""),
        ])
    func unknownMethod(method: MethodDescriptor) async throws {
        let response = await fixture.dispatcher().dispatch(
            try envelope(method, healthRequest("ok")), peer: .unix(nil), deadline: nil)

        #expect(response.status.code == 12)
        #expect(response.error.code == .unimplemented)
        #expect(response.error.reason == "UNKNOWN_METHOD")
        #expect(response.payload.isEmpty)
        #expect(fixture.seen.values.isEmpty)
    }

    @Test("a handler's RPCError becomes that status with its ErrorInfo")
    func handlerRPCError() async throws {
        let response = await fixture.dispatcher().dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("refuse")), peer: .unix(nil), deadline: nil)

        #expect(response.status.code == StatusCode.failedPrecondition.rawValue)
        #expect(response.status.message == "la caisse est fermée")
        let info = try #require(try response.errorInfo())
        #expect(info.domain == "myopenip")
        #expect(info.reason == "REGISTER_CLOSED")
        #expect(response.error == DispatcherFixture.refusal)
        #expect(response.payload.isEmpty)
    }

    @Test("any other error is INTERNAL (13) with the message \"internal error\" and nothing more")
    func handlerOtherError() async throws {
        let response = await fixture.dispatcher().dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("crash")), peer: .unix(nil), deadline: nil)

        #expect(response.status.code == 13)
        #expect(response.status.message == "internal error")
        #expect(response.payload.isEmpty)
        #expect(response.status.details.count <= 1)
        if let info = try response.errorInfo() {
            #expect(info.domain == "myopenip")
            #expect(info.reason == "INTERNAL")
            #expect(info.metadata.isEmpty)
        }
        let wire = try response.serializedBytes() as [UInt8]
        let text = String(decoding: wire, as: UTF8.self)
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("SecretFailure"))
    }

    @Test("a payload that does not decode is INVALID_ARGUMENT with reason MALFORMED_PAYLOAD")
    func malformedPayload() async throws {
        var request = try envelope(DispatcherFixture.probe, healthRequest("ok"))
        request.payload = truncatedMessageBytes
        let response = await fixture.dispatcher().dispatch(request, peer: .unix(nil), deadline: nil)

        #expect(response.error.code == .invalidArgument)
        #expect(response.error.reason == "MALFORMED_PAYLOAD")
        #expect(fixture.seen.values.isEmpty)
    }

    @Test("the handler's context carries the method, metadata, peer and the caller's request id")
    func contextFromEnvelope() async throws {
        let peer = Peer.tcp(host: "10.0.0.2", port: 5000)
        let request = try envelope(
            DispatcherFixture.probe, healthRequest("ok"), metadata: ["X-Request-ID": "abc-123", "tag": "t"])
        _ = await fixture.dispatcher().dispatch(request, peer: peer, deadline: nil)

        let context = try #require(fixture.seen.values.first)
        #expect(context.method == DispatcherFixture.probe)
        #expect(context.requestID == "abc-123")
        #expect(context.metadata["tag"] == "t")
        #expect(context.peer == peer)
        #expect(context.principal == .anonymous)
        #expect(context.deadline == nil)
    }

    @Test("a call without x-request-id gets a fresh request id")
    func generatedRequestID() async throws {
        let dispatcher = fixture.dispatcher()
        for _ in 0..<2 {
            _ = await dispatcher.dispatch(
                try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)
        }
        let ids = fixture.seen.values.map(\.requestID)
        #expect(ids.count == 2)
        #expect(ids.allSatisfy { !$0.isEmpty })
        #expect(Set(ids).count == 2)
    }
}
