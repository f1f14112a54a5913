import Foundation
import MyOpenIPProto
import SwiftProtobuf

#if canImport(Glibc)
    import Glibc
#endif

/// A plain blocking socket that speaks ttrpc frames by hand, to send what a well-behaved client
/// never would (garbage, oversized frames) and to see exactly what the daemon answers.
final class RawConnection {
    struct ReadFrame {
        var length: UInt32
        var streamID: UInt32
        var type: UInt8
        var flags: UInt8
        var payload: [UInt8]
    }

    fileprivate let fd: Int32

    init(unixPath: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let fd = self.fd
        let result = withUnixAddress(unixPath) { connect(fd, $0, $1) }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        setReceiveTimeout(seconds: 5)
    }

    init(tcpPort: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(tcpPort).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        setReceiveTimeout(seconds: 5)
    }

    deinit { close(fd) }

    /// Makes a send that cannot make progress give up after `seconds` instead of blocking.
    func setSendTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Makes a read give up after `seconds` (5 by default).
    func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends bytes; false when the daemon closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool { sendAll(fd, bytes) }

    /// Sends a frame header and payload.
    @discardableResult
    func sendFrame(streamID: UInt32, type: UInt8 = 1, flags: UInt8 = 0, payload: [UInt8], declaredLength: UInt32? = nil) -> Bool {
        send(Self.header(length: declaredLength ?? UInt32(payload.count), streamID: streamID, type: type, flags: flags) + payload)
    }

    /// Sends a request envelope for `service/method` with a serialized message.
    @discardableResult
    func sendRequest(
        streamID: UInt32, service: String, method: String, message: some SwiftProtobuf.Message,
        timeoutNano: Int64 = 0, metadata: [String: String] = [:]
    ) throws -> Bool {
        sendFrame(
            streamID: streamID,
            payload: try Self.request(
                service: service, method: method, message: message, timeoutNano: timeoutNano, metadata: metadata))
    }

    /// Reads one whole frame, or nil on end of stream or timeout.
    func readFrame() -> ReadFrame? { Self.readFrame(fd) }

    /// Reads one whole frame from `fd`, or nil on end of stream or timeout.
    static func readFrame(_ fd: Int32) -> ReadFrame? {
        guard let header = receiveExactly(fd, 10) else { return nil }
        let length = header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let streamID = header[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard let payload = receiveExactly(fd, Int(length)) else { return nil }
        return ReadFrame(length: length, streamID: streamID, type: header[8], flags: header[9], payload: payload)
    }

    /// Reads the next response envelope.
    func readResponse() throws -> (streamID: UInt32, response: Ttrpc_Response)? {
        guard let frame = readFrame(), frame.type == 2 else { return nil }
        return (frame.streamID, try Ttrpc_Response(serializedBytes: frame.payload))
    }

    /// Whether the daemon closed the connection (read returns end of stream).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    static func header(length: UInt32, streamID: UInt32, type: UInt8, flags: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: streamID >> UInt32(shift))) }
        return bytes + [type, flags]
    }

    static func request(
        service: String, method: String, message: some SwiftProtobuf.Message,
        timeoutNano: Int64 = 0, metadata: [String: String] = [:]
    ) throws -> [UInt8] {
        var request = Ttrpc_Request()
        request.service = service
        request.method = method
        request.payload = try message.serializedBytes()
        request.timeoutNano = timeoutNano
        request.metadata = metadata.sorted { $0.key < $1.key }.map { key, value in
            var pair = Ttrpc_KeyValue()
            pair.key = key
            pair.value = value
            return pair
        }
        return try request.serializedBytes()
    }
}

/// Sends all of `bytes` on `fd`; false when the peer closed the connection first.
@discardableResult
func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written > 0 else { return false }
        offset += written
    }
    return true
}

/// Exactly `count` bytes from `fd`, or nil when the peer closed first.
func receiveExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
        let received = bytes[offset...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received > 0 else { return nil }
        offset += received
    }
    return bytes
}

/// Calls `body` with the socket address of the Unix socket `path` and its length.
func withUnixAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: path.utf8)
        raw[path.utf8.count] = 0
    }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
}

/// Runs blocking work on a thread of its own and waits for it without holding a task thread.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

extension RawConnection {
    /// Everything the peer sends until it closes (or the receive timeout passes).
    func readToEnd() -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return received }
            received += buffer[0..<count]
        }
    }

    /// An HTTP/1.1 GET of `path` on 127.0.0.1:`port`, the connection closed after: status line,
    /// headers and body as text.
    static func httpGet(port: Int, path: String) throws -> String {
        let connection = try RawConnection(tcpPort: port)
        connection.setReceiveTimeout(seconds: 10)
        connection.send(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        return String(decoding: connection.readToEnd(), as: UTF8.self)
    }
}
