import MyOpenIPRPC

/// Enforces the ``AccessPolicy`` before any handler runs, so that no handler re-implements it.
public struct AuthorizationInterceptor: ServerInterceptor {
    public let policy: AccessPolicy

    public init(policy: AccessPolicy) {
        self.policy = policy
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        try authorize(context)
        return try await next(request, context)
    }

    func authorize(_ context: ServerContext) throws {
        switch policy.rule(for: context.method) {
        case .public?:
            return
        case .operatorOnly?:
            if context.principal.isOperator { return }
            if context.principal == .anonymous {
                throw RPCError(.unauthenticated, "authentication required", reason: "UNAUTHENTICATED")
            }
            throw RPCError(.permissionDenied, "operator staff only", reason: "OPERATOR_ONLY")
        case nil:
            context.logger.error("method has no access rule; refused")
            throw RPCError(.permissionDenied, "access denied", reason: "NO_ACCESS_RULE")
        }
    }
}
