import MyOpenIPDomain
import MyOpenIPRPC

/// Enforces the ``AccessPolicy`` before any handler runs, so that no handler re-implements it:
/// who may call the method, and the terms of use gate of sessions.
public struct AuthorizationInterceptor: ServerInterceptor {
    public let policy: AccessPolicy
    /// The writes a suspended company's users may not make.
    public let writes: IdempotencyPolicy

    public init(policy: AccessPolicy, writes: IdempotencyPolicy = IdempotencyPolicy([])) {
        self.policy = policy
        self.writes = writes
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
        try authorizeRule(context)
        // A suspended company's users read, but do not write.
        if context.principal.session?.companySuspended == true, writes.covers(context.method) {
            throw RPCError(CompanyViolation.companySuspended)
        }
    }

    private func authorizeRule(_ context: ServerContext) throws {
        let principal = context.principal
        switch policy.rule(for: context.method) {
        case .public?:
            return
        case .signedInBeforeTerms?:
            try requireSignedIn(principal)
        case .signedIn?:
            try requireSignedIn(principal)
            try requireTermsAccepted(principal)
        case .operatorOnly?:
            try requireSignedIn(principal)
            try requireTermsAccepted(principal)
            guard principal.isOperator else {
                throw RPCError(.permissionDenied, "Cette action est réservée au personnel OpenIP", reason: "OPERATOR_ONLY")
            }
        case .permission(let permission)?:
            try requireSignedIn(principal)
            try requireTermsAccepted(principal)
            guard principal.isOperator || principal.session?.permissions.contains(permission.rawValue) == true else {
                throw RPCError(
                    .permissionDenied, "Vos droits ne permettent pas cette action", reason: "PERMISSION_REQUIRED",
                    metadata: ["permission": permission.rawValue])
            }
        case nil:
            context.logger.error("method has no access rule; refused")
            throw RPCError(.permissionDenied, "access denied", reason: "NO_ACCESS_RULE")
        }
    }

    private func requireSignedIn(_ principal: Principal) throws {
        if principal == .anonymous {
            throw RPCError(IdentityMessages.authenticationRequired)
        }
    }

    private func requireTermsAccepted(_ principal: Principal) throws {
        if let version = principal.session?.pendingTermsVersion {
            throw RPCError(
                IdentityMessages.termsNotAccepted, metadata: ["terms_version": String(version)])
        }
    }
}
