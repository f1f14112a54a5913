import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOEmbedded
import Testing

@Suite("FrameDecoder with bytes that are not ttrpc")
struct FrameDecoderGarbageTests {
    @Test("an unknown frame type makes the channel error")
    func unknownType() throws {
        let channel = makeDecodingChannel()
        #expect(throws: FrameHeader.DecodingError.unknownFrameType(9, streamID: 1)) {
            try channel.feed([0, 0, 0, 0, 0, 0, 0, 1, 9, 0])
        }
        _ = try? channel.finish()
    }

    @Test("a non-zero first length byte makes the channel error")
    func reservedByte() throws {
        let channel = makeDecodingChannel()
        #expect(throws: FrameHeader.DecodingError.reservedBitsSet(length: 0x0100_0000)) {
            try channel.feed([1, 0, 0, 0, 0, 0, 0, 1, FrameType.request.rawValue, 0])
        }
        _ = try? channel.finish()
    }

    @Test("garbage after good frames: the good frames come out, then the error")
    func garbageAfterFrames() throws {
        let good = Frame.make(.request, stream: 1, patternBytes(5))
        let channel = makeDecodingChannel()
        #expect(throws: FrameHeader.DecodingError.self) {
            try channel.feed(good.wireBytes + Array("GET / HTTP/1.1\r\n".utf8))
        }
        #expect(try channel.readAllFrames() == [.frame(good)])
        _ = try? channel.finish()
    }

    @Test("after an error the decoder accepts nothing more")
    func nothingAfterError() throws {
        let channel = makeDecodingChannel()
        #expect(throws: (any Error).self) {
            try channel.feed([0, 0, 0, 0, 0, 0, 0, 1, 9, 0])
        }
        #expect(throws: (any Error).self) {
            try channel.feed(Frame.make(.request, stream: 3, []).wireBytes)
        }
        #expect(try channel.readAllFrames().isEmpty)
        _ = try? channel.finish()
    }
}
