import NIOCore

extension ByteBuffer {
    /// A buffer holding exactly `bytes`.
    init(testBytes bytes: [UInt8]) {
        self = ByteBufferAllocator().buffer(capacity: bytes.count)
        self.writeBytes(bytes)
    }
}
