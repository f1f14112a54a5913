import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOEmbedded
import Testing

@Suite("FrameDecoder with oversized frames")
struct FrameDecoderOversizedTests {
    static let maximum = 16
    static let oversized = FrameHeader(length: 100, streamID: 7, type: .request, flags: .remoteClosed)
    static let next = Frame.make(.request, stream: 9, patternBytes(12, start: 0xA0))

    @Test("an oversized frame is reported as soon as its header is in")
    func reportedOnHeader() throws {
        let channel = makeDecodingChannel(maximumPayloadSize: Self.maximum)
        let header = headerBytes(Self.oversized)

        try channel.feed(header.prefix(9))
        #expect(try channel.readAllFrames().isEmpty)
        try channel.feed(header.suffix(1))
        #expect(try channel.readAllFrames() == [.oversized(Self.oversized)])
        _ = try channel.finish()
    }

    @Test("its payload is skipped in small chunks and the next frame decodes", arguments: [1, 3, 7, 50, 99, 100])
    func payloadSkipped(chunk: Int) throws {
        let channel = makeDecodingChannel(maximumPayloadSize: Self.maximum)
        try channel.feed(headerBytes(Self.oversized))
        #expect(try channel.readAllFrames() == [.oversized(Self.oversized)])

        // The payload is all 0x01 bytes, so that a decoder that read it as headers would fail.
        let payload = [UInt8](repeating: 0x01, count: Int(Self.oversized.length))
        var start = 0
        while start < payload.count {
            let end = min(start + chunk, payload.count)
            try channel.feed(payload[start..<end])
            #expect(try channel.readAllFrames().isEmpty, "after \(end) payload bytes")
            start = end
        }

        try channel.feed(Self.next.wireBytes)
        #expect(try channel.readAllFrames() == [.frame(Self.next)])
        #expect(try channel.finish().isClean)
    }

    @Test("the end of the payload and the next frame may share a read, at every split point")
    func sharedRead() throws {
        let stream = headerBytes(Self.oversized) + patternBytes(100) + Self.next.wireBytes
        for split in 0...stream.count {
            let channel = makeDecodingChannel(maximumPayloadSize: Self.maximum)
            try channel.feed(stream[..<split])
            var frames = try channel.readAllFrames()
            try channel.feed(stream[split...])
            frames += try channel.readAllFrames()
            #expect(frames == [.oversized(Self.oversized), .frame(Self.next)], "split at byte \(split)")
            #expect(try channel.finish().isClean)
        }
    }

    @Test("two oversized frames in a row, then a normal one, byte by byte")
    func consecutiveOversized() throws {
        let second = FrameHeader(length: 17, streamID: 8, type: .data)
        let stream =
            headerBytes(Self.oversized) + patternBytes(100)
            + headerBytes(second) + patternBytes(17) + Self.next.wireBytes
        let channel = makeDecodingChannel(maximumPayloadSize: Self.maximum)
        var frames: [InboundFrame] = []
        for byte in stream {
            try channel.feed([byte])
            frames += try channel.readAllFrames()
        }
        #expect(frames == [.oversized(Self.oversized), .oversized(second), .frame(Self.next)])
    }

    @Test("a payload of exactly the maximum is accepted")
    func exactlyTheMaximum() throws {
        let frame = Frame.make(.data, stream: 2, patternBytes(Self.maximum))
        let channel = makeDecodingChannel(maximumPayloadSize: Self.maximum)
        try channel.feed(frame.wireBytes)
        #expect(try channel.readAllFrames() == [.frame(frame)])
    }

    @Test("large payloads (sliced, not copied) decode like small ones")
    func largePayload() throws {
        let frame = Frame.make(.response, stream: 4, patternBytes(40_000, start: 3))
        let channel = makeDecodingChannel()
        let bytes = frame.wireBytes
        try channel.feed(bytes.prefix(20_000))
        try channel.feed(bytes.dropFirst(20_000))
        #expect(try channel.readAllFrames() == [.frame(frame)])
    }
}
