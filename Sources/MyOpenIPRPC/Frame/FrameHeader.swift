import NIOCore

/// The type of a ttrpc frame, the fifth byte of its header.
public enum FrameType: UInt8, Sendable, Hashable {
    /// Opens a stream; carries a `ttrpc.Request`.
    case request = 1
    /// Ends a stream; carries a `ttrpc.Response`.
    case response = 2
    /// Carries stream data on an open stream.
    case data = 3
}

/// The flags of a ttrpc frame, whose meaning depends on the frame type.
public struct FrameFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Request or data: the sender sends no more data on this stream.
    public static let remoteClosed = FrameFlags(rawValue: 0x01)
    /// Request: the sender goes on sending data on this stream.
    public static let remoteOpen = FrameFlags(rawValue: 0x02)
    /// Data: the frame carries no payload.
    public static let noData = FrameFlags(rawValue: 0x04)
}

/// The 10-byte big-endian header that starts every ttrpc frame.
///
/// `length` (u32, payload bytes, header excluded), `streamID` (u32), `type` (u8), `flags` (u8).
public struct FrameHeader: Sendable, Hashable {
    /// The size of an encoded header in bytes.
    public static let size = 10
    /// The default maximum payload size: 4 MiB, as in containerd's ttrpc.
    public static let defaultMaximumPayloadSize = 4 << 20

    public var length: UInt32
    public var streamID: UInt32
    public var type: FrameType
    public var flags: FrameFlags

    public init(length: UInt32, streamID: UInt32, type: FrameType, flags: FrameFlags = []) {
        self.length = length
        self.streamID = streamID
        self.type = type
        self.flags = flags
    }

    /// Why a header cannot be read.
    public enum DecodingError: Error, Hashable, CustomStringConvertible {
        case unknownFrameType(UInt8, streamID: UInt32)
        case reservedBitsSet(length: UInt32)

        public var description: String {
            switch self {
            case .unknownFrameType(let type, let streamID):
                return "unknown frame type \(type) on stream \(streamID)"
            case .reservedBitsSet(let length):
                return "frame length \(length) uses the reserved first byte"
            }
        }
    }

    /// Reads a header from the start of `buffer`, or returns nil when fewer than 10 bytes are readable.
    ///
    /// Throws when the bytes cannot be a ttrpc header: an unknown type, or a length whose first
    /// byte (reserved by the protocol, always zero since frames are under 16 MiB) is set.
    public static func read(from buffer: inout ByteBuffer) throws(DecodingError) -> FrameHeader? {
        guard buffer.readableBytes >= size,
            let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
            let streamID = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt32.self),
            let rawType = buffer.getInteger(at: buffer.readerIndex + 8, as: UInt8.self),
            let rawFlags = buffer.getInteger(at: buffer.readerIndex + 9, as: UInt8.self)
        else { return nil }
        guard let type = FrameType(rawValue: rawType) else {
            throw .unknownFrameType(rawType, streamID: streamID)
        }
        guard length >> 24 == 0 else { throw .reservedBitsSet(length: length) }
        buffer.moveReaderIndex(forwardBy: size)
        return FrameHeader(length: length, streamID: streamID, type: type, flags: FrameFlags(rawValue: rawFlags))
    }

    /// Appends the encoded header to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(length)
        buffer.writeInteger(streamID)
        buffer.writeInteger(type.rawValue)
        buffer.writeInteger(flags.rawValue)
    }
}
