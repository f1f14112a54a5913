import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOEmbedded
import Testing

@Suite("FrameDecoder at every byte split")
struct FrameDecoderSplitTests {
    /// Frames of every type, with empty and non-empty payloads, various flags and stream ids.
    static let frames: [Frame] = [
        .make(.request, stream: 1, patternBytes(23)),
        .make(.response, stream: 1, []),
        .make(.data, stream: 3, flags: .remoteOpen, patternBytes(1, start: 0x42)),
        .make(.request, stream: 5, flags: .remoteClosed, []),
        .make(.data, stream: 3, flags: [.remoteClosed, .noData], []),
        .make(.response, stream: 0xFFFF_FFFF, flags: FrameFlags(rawValue: 0xFF), patternBytes(300, start: 7)),
        .make(.request, stream: 0, patternBytes(10)),
    ]
    static let stream: [UInt8] = frames.flatMap(\.wireBytes)
    static let expected: [InboundFrame] = frames.map { .frame($0) }

    @Test("the whole stream in one read")
    func oneRead() throws {
        let channel = makeDecodingChannel()
        try channel.feed(Self.stream)
        #expect(try channel.readAllFrames() == Self.expected)
        #expect(try channel.finish().isClean)
    }

    @Test("the stream cut in two at every split point")
    func everySplitPoint() throws {
        for split in 0...Self.stream.count {
            let channel = makeDecodingChannel()
            try channel.feed(Self.stream[..<split])
            let first = try channel.readAllFrames()
            try channel.feed(Self.stream[split...])
            let frames = first + (try channel.readAllFrames())
            #expect(frames == Self.expected, "split at byte \(split)")
            #expect(try channel.finish().isClean, "split at byte \(split)")
        }
    }

    @Test("frames come out as soon as their last byte is in, at every split point")
    func framesAsSoonAsComplete() throws {
        // The offsets at which each frame ends.
        var ends: [Int] = []
        var offset = 0
        for frame in Self.frames {
            offset += frame.wireBytes.count
            ends.append(offset)
        }
        for split in 0...Self.stream.count {
            let channel = makeDecodingChannel()
            try channel.feed(Self.stream[..<split])
            let complete = ends.filter { $0 <= split }.count
            #expect(try channel.readAllFrames() == Array(Self.expected.prefix(complete)), "split at byte \(split)")
            _ = try channel.finish()
        }
    }

    @Test("the stream fed one byte at a time")
    func byteByByte() throws {
        let channel = makeDecodingChannel()
        var frames: [InboundFrame] = []
        for byte in Self.stream {
            try channel.feed([byte])
            frames += try channel.readAllFrames()
        }
        #expect(frames == Self.expected)
        #expect(try channel.finish().isClean)
    }

    @Test("the stream fed in chunks of every size", arguments: [2, 3, 7, 9, 10, 11, 64, 257])
    func chunks(size: Int) throws {
        let channel = makeDecodingChannel()
        var start = 0
        while start < Self.stream.count {
            let end = min(start + size, Self.stream.count)
            try channel.feed(Self.stream[start..<end])
            start = end
        }
        #expect(try channel.readAllFrames() == Self.expected)
        #expect(try channel.finish().isClean)
    }

    @Test("a frame cut short by the end of the connection is dropped")
    func truncatedAtEOF() throws {
        let channel = makeDecodingChannel()
        let whole = Self.frames[0].wireBytes
        try channel.feed(whole + Self.frames[1].wireBytes.prefix(4))
        #expect(try channel.readAllFrames() == [.frame(Self.frames[0])])
        #expect(try channel.finish().isClean)
    }
}
