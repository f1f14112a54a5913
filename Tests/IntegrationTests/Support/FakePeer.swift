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
    static func readRequest(_ fd: Int32) -> UInt32? { RawConnection.readFrame(fd)?.streamID }
}
