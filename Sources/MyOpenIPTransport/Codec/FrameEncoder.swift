import MyOpenIPRPC
import NIOCore

/// Writes ttrpc frames: the 10-byte header, then the payload, in one buffer.
///
/// Frames are encoded where they are made (a response when its call ends, a request when it is
/// sent), so the pipeline carries finished bytes and no frame is copied twice.
public enum FrameEncoder {
    /// The wire bytes of one frame carrying `payload`.
    public static func encode(
        streamID: UInt32, type: FrameType, flags: FrameFlags = [], payload: [UInt8],
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: FrameHeader.size + payload.count)
        FrameHeader(length: UInt32(payload.count), streamID: streamID, type: type, flags: flags).write(to: &buffer)
        buffer.writeBytes(payload)
        return buffer
    }

    /// The wire bytes of `frame`.
    public static func encode(_ frame: Frame, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: FrameHeader.size + frame.payload.readableBytes)
        frame.write(to: &buffer)
        return buffer
    }
}
