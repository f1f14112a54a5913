import MyOpenIPRPC
import MyOpenIPServer
import Synchronization
import Testing

/// A resolver that knows one token, and counts lookups.
final class FakeSessions: SessionResolver {
    let lookups = Mutex(0)
    static let principal = Principal.session(
        SessionIdentity(accountID: 7, sessionID: 9, login: "E-0000000007", isOperatorStaff: false))

    func principal(forToken token: String, context: ServerContext) async throws -> Principal {
        lookups.withLock { $0 += 1 }
        guard token == "good" else { throw RPCError(.unauthenticated, "no such session", reason: "SESSION_INVALID") }
        return Self.principal
    }
}

@Suite("AuthenticationInterceptor with sessions")
struct SessionAuthenticationTests {
    static let work = MethodDescriptor(service: "test.v1.S", method: "Work")
    static let health = MethodDescriptor(service: "test.v1.S", method: "Health")
    static let policy = AccessPolicy([work: .signedIn, health: .public])

    private func principal(
        _ method: MethodDescriptor, authorization: String?, peer: Peer, sessions: FakeSessions = FakeSessions()
    ) async throws -> Principal? {
        let interceptor = AuthenticationInterceptor(operatorUIDs: [0], sessions: sessions, policy: Self.policy)
        var context = makeContext(method, peer: peer)
        if let authorization { context.metadata["authorization"] = authorization }
        return try await runThrough(interceptor, context: context).first?.principal
    }

    @Test("a bearer token is the session's, even from the operator's uid")
    func bearer() async throws {
        #expect(
            try await principal(Self.work, authorization: "Bearer good", peer: .tcp(host: "127.0.0.1", port: 1))
                == FakeSessions.principal)
        let operatorPeer = Peer.unix(PeerCredentials(pid: 1, uid: 0, gid: 0))
        #expect(try await principal(Self.work, authorization: "bearer good", peer: operatorPeer) == FakeSessions.principal)
        #expect(try await principal(Self.work, authorization: nil, peer: operatorPeer) == .operatorProcess(uid: 0))
    }

    @Test("an unknown token or a malformed authorization is UNAUTHENTICATED")
    func refused() async throws {
        let peer = Peer.tcp(host: "127.0.0.1", port: 1)
        for (authorization, reason) in [
            ("Bearer bad", "SESSION_INVALID"), ("Basic abc", "MALFORMED_AUTHORIZATION"), ("Bearer ", "MALFORMED_AUTHORIZATION"),
        ] {
            let error = await #expect(throws: RPCError.self) {
                try await principal(Self.work, authorization: authorization, peer: peer)
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.reason == reason)
        }
    }

    @Test("public methods never look a token up")
    func publicMethods() async throws {
        let sessions = FakeSessions()
        let found = try await principal(
            Self.health, authorization: "Bearer bad", peer: .tcp(host: "127.0.0.1", port: 1), sessions: sessions)
        #expect(found == .anonymous)
        #expect(sessions.lookups.withLock { $0 } == 0)
    }
}
