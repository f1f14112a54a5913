import MyOpenIPRPC

/// Decides who is calling. For now: a Unix-socket peer whose uid is allowed (by default the
/// daemon's own uid and root) is the operator; every other caller is anonymous.
public struct AuthenticationInterceptor: ServerInterceptor {
    public let operatorUIDs: Set<UInt32>

    public init(operatorUIDs: Set<UInt32>) {
        self.operatorUIDs = operatorUIDs
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        var context = context
        context.principal = principal(for: context.peer)
        return try await next(request, context)
    }

    func principal(for peer: Peer) -> Principal {
        if case .unix(let credentials?) = peer, operatorUIDs.contains(credentials.uid) {
            return .operatorProcess(uid: credentials.uid)
        }
        return .anonymous
    }
}
