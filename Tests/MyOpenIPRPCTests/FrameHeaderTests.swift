import MyOpenIPRPC
import NIOCore
import Testing

@Suite("FrameHeader")
struct FrameHeaderTests {
    @Test(
        "write then read gives back the same header",
        arguments: [
            FrameHeader(length: 0, streamID: 1, type: .request),
            FrameHeader(length: 42, streamID: 3, type: .response, flags: .remoteClosed),
            FrameHeader(length: 0x00FF_FFFF, streamID: .max, type: .data, flags: [.remoteOpen, .noData]),
        ])
    func roundTrip(header: FrameHeader) throws {
        var buffer = ByteBuffer()
        header.write(to: &buffer)
        #expect(buffer.readableBytes == FrameHeader.size)

        let read = try #require(try FrameHeader.read(from: &buffer))
        #expect(read == header)
        #expect(buffer.readableBytes == 0)
    }

    @Test("the encoding is big-endian: length, stream id, type, flags")
    func wireLayout() {
        var buffer = ByteBuffer()
        FrameHeader(length: 0x0001_0203, streamID: 0x0405_0607, type: .response, flags: .remoteClosed)
            .write(to: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x02, 0x01])
    }

    @Test("reads nothing and consumes nothing with fewer than 10 bytes", arguments: 0..<FrameHeader.size)
    func shortBuffer(count: Int) throws {
        var full = ByteBuffer()
        FrameHeader(length: 5, streamID: 7, type: .request).write(to: &full)
        var buffer = ByteBuffer(testBytes: Array(full.readableBytesView.prefix(count)))

        #expect(try FrameHeader.read(from: &buffer) == nil)
        #expect(buffer.readableBytes == count)
    }

    @Test("reading leaves the bytes after the header in place")
    func readsOnlyTheHeader() throws {
        var buffer = ByteBuffer()
        FrameHeader(length: 3, streamID: 9, type: .data).write(to: &buffer)
        buffer.writeBytes([0xAA, 0xBB, 0xCC])

        _ = try #require(try FrameHeader.read(from: &buffer))
        #expect(Array(buffer.readableBytesView) == [0xAA, 0xBB, 0xCC])
    }

    @Test("an unknown frame type throws", arguments: [UInt8(0), 4, 9, 0xFF])
    func unknownType(type: UInt8) {
        var buffer = ByteBuffer(testBytes: [0, 0, 0, 1, 0, 0, 0, 5, type, 0])
        #expect(throws: FrameHeader.DecodingError.unknownFrameType(type, streamID: 5)) {
            try FrameHeader.read(from: &buffer)
        }
        #expect(buffer.readableBytes == FrameHeader.size)
    }

    @Test("a length whose reserved first byte is set throws", arguments: [UInt8(0x01), 0x80, 0xFF])
    func reservedLengthByte(first: UInt8) {
        var buffer = ByteBuffer(testBytes: [first, 0, 0, 0, 0, 0, 0, 1, FrameType.request.rawValue, 0])
        let expected = FrameHeader.DecodingError.reservedBitsSet(length: UInt32(first) << 24)
        #expect(throws: expected) {
            try FrameHeader.read(from: &buffer)
        }
        #expect(buffer.readableBytes == FrameHeader.size)
    }

    @Test("Frame.header describes its payload")
    func frameHeader() {
        let frame = Frame(streamID: 11, type: .data, flags: .remoteClosed, payload: ByteBuffer(testBytes: [1, 2, 3]))
        #expect(frame.header == FrameHeader(length: 3, streamID: 11, type: .data, flags: .remoteClosed))
    }
}
