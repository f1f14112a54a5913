import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import NIOCore
import NIOFoundationCompat
import SwiftProtobuf

extension Frame {
    /// A frame carrying a serialized protobuf message.
    static func message(_ message: some SwiftProtobuf.Message, streamID: UInt32, type: FrameType) throws -> Frame {
        let bytes: [UInt8] = try message.serializedBytes()
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return Frame(streamID: streamID, type: type, payload: buffer)
    }

    /// Decodes the payload as a protobuf message.
    func decode<Message: SwiftProtobuf.Message>(as type: Message.Type) throws -> Message {
        try Message(serializedBytes: Data(buffer: payload, byteTransferStrategy: .noCopy))
    }
}
