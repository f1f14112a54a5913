import MyOpenIPRPC
import NIOCore

/// Writes ttrpc frames: the 10-byte header, then the payload.
public struct FrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = Frame

    public init() {}

    public func encode(data frame: Frame, out: inout ByteBuffer) throws {
        out.reserveCapacity(FrameHeader.size + frame.payload.readableBytes)
        frame.write(to: &out)
    }
}
