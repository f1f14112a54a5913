import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import Testing

@Suite("FrameEncoder")
struct FrameEncoderTests {
    @Test(
        "the output is the header, then the payload",
        arguments: [
            Frame.make(.request, stream: 1, patternBytes(12)),
            Frame.make(.response, stream: 0x0102_0304, flags: .remoteClosed, []),
            Frame.make(.data, stream: 5, flags: [.remoteOpen, .noData], patternBytes(70_000)),
        ])
    func headerThenPayload(frame: Frame) throws {
        let written = FrameEncoder.encode(frame)

        let expected = headerBytes(frame.header) + Array(frame.payload.readableBytesView)
        #expect(Array(written.readableBytesView) == expected)
        #expect(written.readableBytes == FrameHeader.size + frame.payload.readableBytes)
    }

    @Test("the header announces the payload length, big-endian")
    func headerFields() throws {
        let out = FrameEncoder.encode(streamID: 0x0A0B_0C0D, type: .response, flags: .remoteClosed, payload: [9, 8, 7])
        #expect(Array(out.readableBytesView) == [0, 0, 0, 3, 0x0A, 0x0B, 0x0C, 0x0D, 2, 1, 9, 8, 7])
    }

    @Test("what the encoder writes, the decoder reads back")
    func encoderDecoderRoundTrip() throws {
        let frames: [Frame] = [
            .make(.request, stream: 1, patternBytes(33)),
            .make(.data, stream: 1, flags: .remoteClosed, []),
            .make(.response, stream: 1, patternBytes(4)),
        ]
        let decoder = makeDecodingChannel()
        for frame in frames {
            try decoder.writeInbound(FrameEncoder.encode(frame))
        }
        #expect(try decoder.readAllFrames() == frames.map { .frame($0) })
    }
}
