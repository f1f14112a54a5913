import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

/// Turns the bearer token of a call into the principal of its session.
public protocol SessionResolver: Sendable {
    /// The session's principal; throws UNAUTHENTICATED for a token that is unknown, expired or
    /// revoked, or whose account is disabled.
    func principal(forToken token: String, context: ServerContext) async throws -> Principal
}

/// ``SessionResolver`` on the identity repository: one read per call, and a write only when the
/// call moves the session's idle expiry by more than the policy's granularity.
public struct SessionAuthenticator: SessionResolver {
    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func principal(forToken token: String, context: ServerContext) async throws -> Principal {
        let now = environment.time.timestamp()
        guard let lookup = try await environment.accounts.session(tokenDigest: SecretToken.digest(of: token), at: now),
            lookup.session.isOpen(at: now), lookup.account.storedState == .active
        else {
            throw RPCError(IdentityMessages.sessionInvalid)
        }
        // A closed company's sessions end at once, whatever their expiry.
        if lookup.companyState == .closed { throw RPCError(CompanyViolation.companyClosed) }
        let policy = environment.settings.sessions
        let session = lookup.session
        let idle = policy.idleExpiry(lastUse: now, absoluteExpiry: session.expiresAt)
        if session.lastUsedAt.duration(to: now) >= policy.touchGranularity {
            try await environment.accounts.touchSession(id: session.id, at: now, idleExpiresAt: idle)
        }
        return .session(
            SessionIdentity(
                accountID: lookup.account.id,
                sessionID: session.id,
                login: lookup.account.login.description,
                isOperatorStaff: lookup.account.kind == .operatorStaff,
                companyReference: lookup.account.companyReference,
                pendingTermsVersion: lookup.hasAcceptedTermsInForce ? nil : lookup.termsInForce,
                expiresAt: idle.date,
                permissions: Set(lookup.permissions.map(\.rawValue)),
                companySuspended: lookup.companyState == .suspended))
    }
}
