import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("AuthenticationInterceptor")
struct AuthenticationInterceptorTests {
    static let method = MethodDescriptor(service: "test.v1.Any", method: "Call")
    let interceptor = AuthenticationInterceptor(operatorUIDs: [0, 1000])

    private func principal(for peer: Peer) async throws -> Principal? {
        try await runThrough(interceptor, context: makeContext(Self.method, peer: peer)).first?.principal
    }

    @Test("a Unix peer with an allowed uid is the operator", arguments: [UInt32(0), 1000])
    func allowedUID(uid: UInt32) async throws {
        let peer = Peer.unix(PeerCredentials(pid: 42, uid: uid, gid: 100))
        #expect(try await principal(for: peer) == .operatorProcess(uid: uid))
    }

    @Test(
        "every other caller is anonymous",
        arguments: [
            Peer.unix(PeerCredentials(pid: 42, uid: 1001, gid: 1000)),
            .unix(PeerCredentials(pid: 1, uid: 65534, gid: 0)),
            .unix(nil),
            .tcp(host: "127.0.0.1", port: 50000),
            .tcp(host: "::1", port: 50000),
        ])
    func anonymous(peer: Peer) async throws {
        #expect(try await principal(for: peer) == .anonymous)
    }

    @Test("it replaces a principal set before it")
    func replacesPrincipal() async throws {
        let context = makeContext(Self.method, peer: .tcp(host: "10.0.0.1", port: 1), principal: .operatorProcess(uid: 0))
        let reached = try await runThrough(interceptor, context: context)
        #expect(reached.map(\.principal) == [.anonymous])
    }

    @Test("the rest of the context passes through unchanged")
    func keepsContext() async throws {
        let peer = Peer.unix(PeerCredentials(pid: 7, uid: 0, gid: 0))
        let context = makeContext(Self.method, peer: peer)
        let reached = try #require(try await runThrough(interceptor, context: context).first)
        #expect(reached.method == Self.method)
        #expect(reached.peer == peer)
        #expect(reached.requestID == context.requestID)
    }

    @Test("Principal.isOperator")
    func isOperator() {
        #expect(Principal.operatorProcess(uid: 5).isOperator)
        #expect(!Principal.anonymous.isOperator)
    }
}
