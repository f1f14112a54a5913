import NIOCore

/// One ttrpc frame: its header fields and its payload.
public struct Frame: Sendable, Hashable {
    public var streamID: UInt32
    public var type: FrameType
    public var flags: FrameFlags
    public var payload: ByteBuffer

    public init(streamID: UInt32, type: FrameType, flags: FrameFlags = [], payload: ByteBuffer) {
        self.streamID = streamID
        self.type = type
        self.flags = flags
        self.payload = payload
    }

    /// The header that announces this frame.
    public var header: FrameHeader {
        FrameHeader(length: UInt32(payload.readableBytes), streamID: streamID, type: type, flags: flags)
    }

    /// Appends header and payload to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        header.write(to: &buffer)
        var payload = self.payload
        buffer.writeBuffer(&payload)
    }
}

/// What a frame decoder yields: a whole frame, or the header of a frame that was too large
/// and whose payload is being skipped without being buffered.
public enum InboundFrame: Sendable, Hashable {
    case frame(Frame)
    case oversized(FrameHeader)
}

extension InboundFrame {
    /// The bytes it took on the wire, header included.
    public var wireSize: Int {
        switch self {
        case .frame(let frame): FrameHeader.size + frame.payload.readableBytes
        case .oversized(let header): FrameHeader.size + Int(header.length)
        }
    }
}
