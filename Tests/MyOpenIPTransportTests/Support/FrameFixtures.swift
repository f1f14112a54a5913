import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOEmbedded

extension ByteBuffer {
    /// A buffer holding exactly `bytes`.
    init(testBytes bytes: [UInt8]) {
        self = ByteBufferAllocator().buffer(capacity: bytes.count)
        self.writeBytes(bytes)
    }
}

extension Frame {
    /// A frame whose payload is `bytes`.
    static func make(_ type: FrameType, stream: UInt32, flags: FrameFlags = [], _ bytes: [UInt8]) -> Frame {
        Frame(streamID: stream, type: type, flags: flags, payload: ByteBuffer(testBytes: bytes))
    }

    /// Header and payload as they travel.
    var wireBytes: [UInt8] {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return Array(buffer.readableBytesView)
    }
}

/// `count` bytes counting up from `start`, wrapping.
func patternBytes(_ count: Int, start: UInt8 = 0) -> [UInt8] {
    (0..<count).map { start &+ UInt8(truncatingIfNeeded: $0) }
}

/// A header announcing `length` bytes, encoded.
func headerBytes(_ header: FrameHeader) -> [UInt8] {
    var buffer = ByteBuffer()
    header.write(to: &buffer)
    return Array(buffer.readableBytesView)
}

/// A channel that decodes frames, as the server and the client pipelines do.
func makeDecodingChannel(maximumPayloadSize: Int = FrameHeader.defaultMaximumPayloadSize) -> EmbeddedChannel {
    EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumPayloadSize: maximumPayloadSize)))
}

extension EmbeddedChannel {
    /// Writes `bytes` inbound as one read.
    func feed(_ bytes: some Sequence<UInt8>) throws {
        try writeInbound(ByteBuffer(testBytes: Array(bytes)))
    }

    /// Every inbound frame produced so far.
    func readAllFrames() throws -> [InboundFrame] {
        var frames: [InboundFrame] = []
        while let frame = try readInbound(as: InboundFrame.self) {
            frames.append(frame)
        }
        return frames
    }
}
