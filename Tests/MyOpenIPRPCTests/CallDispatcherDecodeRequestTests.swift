import MyOpenIPProto
import MyOpenIPRPC
import NIOCore
import Testing

@Suite("CallDispatcher.decodeRequest")
struct CallDispatcherDecodeRequestTests {
    @Test(
        "garbage bytes are INVALID_ARGUMENT with reason MALFORMED_ENVELOPE",
        arguments: [
            [UInt8(0xFF), 0xFF, 0xFF],
            [0x0A, 0x7F, 0x61],
            [0x07],
        ])
    func garbage(bytes: [UInt8]) {
        let error = #expect(throws: RPCError.self) {
            try CallDispatcher.decodeRequest(ByteBuffer(testBytes: bytes))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "MALFORMED_ENVELOPE")
    }

    @Test("a valid envelope decodes")
    func valid() throws {
        var request = Ttrpc_Request()
        request.service = "grpc.health.v1.Health"
        request.method = "Check"
        request.timeoutNano = 5
        let bytes: [UInt8] = try request.serializedBytes()

        let decoded = try CallDispatcher.decodeRequest(ByteBuffer(testBytes: bytes))
        #expect(decoded == request)
    }

    @Test("an empty payload is an empty envelope")
    func empty() throws {
        #expect(try CallDispatcher.decodeRequest(ByteBuffer()) == Ttrpc_Request())
    }
}
