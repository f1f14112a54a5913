import CMyOpenIPClient
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The C client library against a peer that misbehaves: every failure is a clear result code,
/// and the connection survives whatever it can survive.
@Suite("C client library against a misbehaving peer")
struct CClientFailureTests {
    @Test("a daemon that cannot be reached, or a malformed target, is a clear result")
    func unreachable() {
        #expect((try? CClient(target: "/nonexistent/myopenipd.sock")) == nil)
        var connection: OpaquePointer?
        #expect(myopenip_connect("/nonexistent/myopenipd.sock", &connection) == MYOPENIP_ERR_CONNECT.rawValue)
        #expect(myopenip_connect("localhost", &connection) == MYOPENIP_ERR_ARGUMENT.rawValue)
        #expect(myopenip_connect("localhost:99999", &connection) == MYOPENIP_ERR_ARGUMENT.rawValue)
        #expect(connection == nil)
    }

    @Test("a TCP connection that is never accepted gives up at its timeout")
    func connectTimeout() async throws {
        // A listener that never accepts, with the smallest backlog: once its queue is full, the
        // kernel ignores new handshakes and a connection attempt hangs.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(listener, $0, length) == 0, listen(listener, 0) == 0, getsockname(listener, $0, &length) == 0 else {
                    throw POSIXError(.EADDRNOTAVAIL)
                }
            }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let attempts = await onOwnThread { () -> [(result: Int32, seconds: Double)] in
            var attempts: [(Int32, Double)] = []
            var connections: [OpaquePointer?] = []
            for _ in 0..<4 {
                var connection: OpaquePointer?
                let started = Date()
                let result = myopenip_connect_tcp("127.0.0.1", port, 200, &connection)
                attempts.append((result, Date().timeIntervalSince(started)))
                connections.append(connection)
                if result != MYOPENIP_OK.rawValue { break }
            }
            for connection in connections { myopenip_close(connection) }
            return attempts
        }
        let refused = try #require(attempts.last)
        #expect(refused.result == MYOPENIP_ERR_CONNECT.rawValue, "\(attempts)")
        #expect(refused.seconds >= 0.15 && refused.seconds < 3, "\(attempts)")
    }

    @Test("a connection closed before the answer is lost; later calls say it is closed")
    func connectionLost() async throws {
        let peer = try FakePeer { fd in _ = FakePeer.readRequest(fd) }
        let client = try CClient(target: peer.path)
        #expect(await client.health().0.result == .cConnectionLost)
        #expect(await client.health().0.result == .cClosed)
        peer.finish()
    }

    @Test("an unknown frame type or an envelope that does not parse is malformed")
    func malformed() async throws {
        for answer in [
            RawConnection.header(length: 0, streamID: 1, type: 9, flags: 0),
            RawConnection.header(length: 2, streamID: 1, type: 2, flags: 0) + [0xFF, 0xFF],
        ] {
            let peer = try FakePeer { fd in
                guard FakePeer.readRequest(fd) != nil else { return }
                sendAll(fd, answer)
            }
            let client = try CClient(target: peer.path)
            #expect(await client.health().0.result == .cMalformed)
            #expect(await client.health().0.result == .cClosed)
            peer.finish()
        }
    }

    @Test("an oversized answer is skipped and the next call is answered")
    func oversizedAnswer() async throws {
        let peer = try FakePeer { fd in
            guard let first = FakePeer.readRequest(fd) else { return }
            let size = UInt32(5 << 20)
            sendAll(
                fd,
                RawConnection.header(length: size, streamID: first, type: 2, flags: 0) + [UInt8](repeating: 0, count: Int(size)))
            guard let second = FakePeer.readRequest(fd) else { return }
            sendAll(fd, RawConnection.header(length: 0, streamID: second, type: 2, flags: 0))
        }
        let client = try CClient(target: peer.path)
        #expect(await client.call("s.S", "M", bytes: [], timeoutMS: 30_000).result == .cResponseTooLarge)
        let next = await client.call("s.S", "M", bytes: [], timeoutMS: 30_000)
        #expect(next.result == .cOK && next.code == 0)
        peer.finish()
    }

    @Test("a call without an answer times out; its late answer is dropped and the connection lives on")
    func timeout() async throws {
        let peer = try FakePeer { fd in
            guard let first = FakePeer.readRequest(fd), let second = FakePeer.readRequest(fd) else { return }
            // The late answer of the timed-out call, then a data frame nobody asked for, then the answer.
            sendAll(fd, RawConnection.header(length: 0, streamID: first, type: 2, flags: 0))
            sendAll(fd, RawConnection.header(length: 1, streamID: second, type: 3, flags: 0) + [0])
            sendAll(fd, RawConnection.header(length: 0, streamID: second, type: 2, flags: 0))
        }
        let client = try CClient(target: peer.path)
        let timedOut = await client.call("s.S", "M", bytes: [], timeoutMS: 200)
        #expect(timedOut.result == .cTimeout)
        #expect(timedOut.elapsed < .seconds(5))
        let next = await client.call("s.S", "M", bytes: [], timeoutMS: 5000)
        #expect(next.result == .cOK && next.code == 0)
        peer.finish()
    }
}
