import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOTestUtils
import Testing

@Suite("FrameDecoder with ByteToMessageDecoderVerifier")
struct FrameDecoderVerifierTests {
    @Test("NIO's decoder verifier accepts the decoder")
    func verifier() throws {
        let frames: [Frame] = [
            .make(.request, stream: 1, patternBytes(17)),
            .make(.response, stream: 2, flags: .remoteClosed, []),
            .make(.data, stream: 3, flags: [.remoteOpen, .noData], patternBytes(2, start: 200)),
        ]
        let pairs = frames.map { frame in (ByteBuffer(testBytes: frame.wireBytes), [InboundFrame.frame(frame)]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { FrameDecoder() }
    }

    @Test("the verifier also accepts oversized frames among normal ones")
    func verifierWithOversized() throws {
        let big = FrameHeader(length: 40, streamID: 9, type: .request)
        let normal = Frame.make(.response, stream: 10, patternBytes(16))
        let pairs: [(ByteBuffer, [InboundFrame])] = [
            (ByteBuffer(testBytes: headerBytes(big) + patternBytes(40)), [.oversized(big)]),
            (ByteBuffer(testBytes: normal.wireBytes), [.frame(normal)]),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) {
            FrameDecoder(maximumPayloadSize: 16)
        }
    }
}
