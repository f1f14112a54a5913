import CMyOpenIPClient
import Foundation
import Testing

/// The C client library against a peer that misbehaves: every failure is a clear result code,
/// and the connection survives whatever it can survive.
@Suite("C client library against a misbehaving peer")
struct CClientFailureTests {
    /// An empty ttrpc.Response: status OK, no payload.
    private static let emptyResponse: [UInt8] = []

    @Test("a daemon that cannot be reached, or a malformed target, is a clear result")
    func unreachable() {
        #expect((try? CClient(target: "/nonexistent/myopenipd.sock")) == nil)
        var connection: OpaquePointer?
        #expect(myopenip_connect("/nonexistent/myopenipd.sock", &connection) == MYOPENIP_ERR_CONNECT.rawValue)
        #expect(myopenip_connect("localhost", &connection) == MYOPENIP_ERR_ARGUMENT.rawValue)
        #expect(myopenip_connect("localhost:99999", &connection) == MYOPENIP_ERR_ARGUMENT.rawValue)
        #expect(connection == nil)
    }

    @Test("a connection closed before the answer is lost; later calls say it is closed")
    func connectionLost() async throws {
        let peer = try FakePeer { fd in _ = FakePeer.readRequest(fd) }
        let client = try CClient(target: peer.path)
        #expect(await onOwnThread { client.health() }.0.result == .cConnectionLost)
        #expect(await onOwnThread { client.health() }.0.result == .cClosed)
        peer.finish()
    }

    @Test("an unknown frame type or an envelope that does not parse is malformed")
    func malformed() async throws {
        for answer in [FakePeer.header(length: 0, stream: 1, type: 9), FakePeer.header(length: 2, stream: 1, type: 2) + [0xFF, 0xFF]] {
            let peer = try FakePeer { fd in
                guard FakePeer.readRequest(fd) != nil else { return }
                FakePeer.write(fd, answer)
            }
            let client = try CClient(target: peer.path)
            #expect(await onOwnThread { client.health() }.0.result == .cMalformed)
            #expect(await onOwnThread { client.health() }.0.result == .cClosed)
            peer.finish()
        }
    }

    @Test("an oversized answer is skipped and the next call is answered")
    func oversizedAnswer() async throws {
        let peer = try FakePeer { fd in
            guard let first = FakePeer.readRequest(fd) else { return }
            let size = UInt32(5 << 20)
            FakePeer.write(fd, FakePeer.header(length: size, stream: first, type: 2) + [UInt8](repeating: 0, count: Int(size)))
            guard let second = FakePeer.readRequest(fd) else { return }
            FakePeer.write(fd, FakePeer.header(length: 0, stream: second, type: 2))
        }
        let client = try CClient(target: peer.path)
        #expect(await onOwnThread { client.call("s.S", "M", bytes: [], timeoutMS: 30_000) }.result == .cResponseTooLarge)
        let next = await onOwnThread { client.call("s.S", "M", bytes: [], timeoutMS: 30_000) }
        #expect(next.result == .cOK && next.code == 0)
        peer.finish()
    }

    @Test("a call without an answer times out; its late answer is dropped and the connection lives on")
    func timeout() async throws {
        let peer = try FakePeer { fd in
            guard let first = FakePeer.readRequest(fd), let second = FakePeer.readRequest(fd) else { return }
            // The late answer of the timed-out call, then a data frame nobody asked for, then the answer.
            FakePeer.write(fd, FakePeer.header(length: 0, stream: first, type: 2))
            FakePeer.write(fd, FakePeer.header(length: 1, stream: second, type: 3) + [0])
            FakePeer.write(fd, FakePeer.header(length: 0, stream: second, type: 2))
        }
        let client = try CClient(target: peer.path)
        let started = Date()
        #expect(await onOwnThread { client.call("s.S", "M", bytes: [], timeoutMS: 200) }.result == .cTimeout)
        #expect(Date().timeIntervalSince(started) < 5)
        let next = await onOwnThread { client.call("s.S", "M", bytes: [], timeoutMS: 5000) }
        #expect(next.result == .cOK && next.code == 0)
        peer.finish()
    }
}
