import MyOpenIPRPC
import NIOCore

/// Cuts a byte stream into ttrpc frames.
///
/// A frame whose payload exceeds `maximumPayloadSize` is reported as ``InboundFrame/oversized(_:)``
/// as soon as its header arrives, and its payload is then skipped as it streams in, never
/// buffered; the next frame is decoded as usual. A header that cannot be ttrpc (unknown frame
/// type, reserved length byte set) throws, which closes the connection.
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = InboundFrame

    public let maximumPayloadSize: Int
    private static let copyThreshold = 16 * 1024
    private var header: FrameHeader?
    private var bytesToSkip = 0

    public init(maximumPayloadSize: Int = FrameHeader.defaultMaximumPayloadSize) {
        self.maximumPayloadSize = maximumPayloadSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while let frame = try next(from: &buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
        }
        // A frame cut short by the end of the connection is dropped: nobody is left to answer.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    /// The next frame or oversized header readable from `buffer`, or nil when more bytes are needed.
    mutating func next(from buffer: inout ByteBuffer) throws -> InboundFrame? {
        while bytesToSkip > 0 {
            guard buffer.readableBytes > 0 else { return nil }
            let skipped = min(bytesToSkip, buffer.readableBytes)
            buffer.moveReaderIndex(forwardBy: skipped)
            bytesToSkip -= skipped
        }
        if header == nil {
            guard let newHeader = try FrameHeader.read(from: &buffer) else { return nil }
            if Int(newHeader.length) > maximumPayloadSize {
                bytesToSkip = Int(newHeader.length)
                return .oversized(newHeader)
            }
            header = newHeader
        }
        guard let header, buffer.readableBytes >= Int(header.length) else { return nil }
        self.header = nil
        // Small payloads are copied out so that the receive buffer, no longer shared, is reused
        // for the next read instead of being reallocated; large ones are sliced, not copied.
        let length = Int(header.length)
        let payload: ByteBuffer
        if length <= Self.copyThreshold {
            var copy = ByteBufferAllocator().buffer(capacity: length)
            copy.writeImmutableBuffer(buffer.readSlice(length: length)!)
            payload = copy
        } else {
            payload = buffer.readSlice(length: length)!
        }
        return .frame(Frame(streamID: header.streamID, type: header.type, flags: header.flags, payload: payload))
    }
}
