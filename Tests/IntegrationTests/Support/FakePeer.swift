import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Unix socket server that misbehaves the way a broken or hostile daemon could: it accepts one
/// connection and hands it to `behaviour` on its own thread, to see how a client copes.
final class FakePeer: @unchecked Sendable {
    let path: String
    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)

    /// Listens on a fresh socket path; `behaviour` gets the accepted connection's descriptor,
    /// which is closed when it returns.
    init(_ behaviour: @escaping @Sendable (Int32) -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fake-\(UUID().uuidString.prefix(8)).sock").path
        self.path = path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let bound = withUnixAddress(path) { bind(listener, $0, $1) }
        guard bound == 0, listen(listener, 1) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        self.listener = listener
        let done = self.done
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            if connection >= 0 {
                behaviour(connection)
                close(connection)
            }
            done.signal()
        }
    }

    /// Waits for the behaviour to end, then removes the socket.
    func finish() {
        done.wait()
        close(listener)
        unlink(path)
    }

    /// Reads one request frame (header and payload); its stream id, or nil when the peer left.
    static func readRequest(_ fd: Int32) -> UInt32? {
        guard let header = receiveExactly(fd, 10) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard receiveExactly(fd, length) != nil else { return nil }
        return UInt32(header[4]) << 24 | UInt32(header[5]) << 16 | UInt32(header[6]) << 8 | UInt32(header[7])
    }

    /// A frame header: length, stream id, type, flags, big-endian.
    static func header(length: UInt32, stream: UInt32, type: UInt8, flags: UInt8 = 0) -> [UInt8] {
        RawConnection.header(length: length, streamID: stream, type: type, flags: flags)
    }

    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            offset += written
        }
    }
}
