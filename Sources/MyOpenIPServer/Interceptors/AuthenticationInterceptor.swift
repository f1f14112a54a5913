import MyOpenIPRPC

/// Decides who is calling:
/// - a call with `authorization: Bearer <token>` is its session (an invalid token is
///   UNAUTHENTICATED), except on public methods, which never look tokens up;
/// - otherwise a Unix-socket peer whose uid is allowed (by default the daemon's own uid and
///   root) is the operator;
/// - every other caller is anonymous.
public struct AuthenticationInterceptor: ServerInterceptor {
    public let operatorUIDs: Set<UInt32>
    let sessions: (any SessionResolver)?
    let policy: AccessPolicy?

    public init(operatorUIDs: Set<UInt32>, sessions: (any SessionResolver)? = nil, policy: AccessPolicy? = nil) {
        self.operatorUIDs = operatorUIDs
        self.sessions = sessions
        self.policy = policy
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        var context = context
        context.principal = try await principal(for: context)
        context.notes.caller = context.principal.kind
        return try await next(request, context)
    }

    func principal(for context: ServerContext) async throws -> Principal {
        let isPublic = policy?.rule(for: context.method) == .public
        if !isPublic, let sessions, context.metadata[Metadata.Keys.authorization] != nil {
            guard let token = context.metadata.bearerToken else {
                throw RPCError(
                    .unauthenticated, "the authorization metadata must be \"Bearer <token>\"", reason: "MALFORMED_AUTHORIZATION",
                    field: Metadata.Keys.authorization)
            }
            let principal = try await sessions.principal(forToken: token, context: context)
            // A session signed in on this connection: its peer is no longer anonymous.
            context.connectionTrust?.markSignedIn()
            return principal
        }
        return principal(for: context.peer)
    }

    func principal(for peer: Peer) -> Principal {
        if case .unix(let credentials?) = peer, operatorUIDs.contains(credentials.uid) {
            return .operatorProcess(uid: credentials.uid)
        }
        return .anonymous
    }
}
