import CZlib

/// zlib's deflate (RFC 1950), the `/FlateDecode` filter of PDF streams.
enum Deflate {
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), Z_BEST_COMPRESSION)
            }
        }
        precondition(status == Z_OK, "deflate failed with \(status)")
        output.removeSubrange(Int(length)...)
        return output
    }
}
