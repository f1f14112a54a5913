import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

/// Turns the bearer token of a call into the principal of its session.
public protocol SessionResolver: Sendable {
    /// The session's principal; throws UNAUTHENTICATED for a token that is unknown, expired or
    /// revoked, or whose account is disabled.
    func principal(forToken token: String, context: ServerContext) async throws -> Principal
}

/// ``SessionResolver`` on the identity repository, with a cache: a session seen lately is
/// authenticated from memory while no write has changed what sessions are allowed (the store's
/// authentication generation) and it is still open; else one read. A call writes only when it
/// moves the session's idle expiry by more than the policy's granularity.
public struct SessionAuthenticator: SessionResolver {
    let environment: IdentityEnvironment
    var cache: SessionCache { environment.sessions }

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func principal(forToken token: String, context: ServerContext) async throws -> Principal {
        let now = environment.time.timestamp()
        let digest = SecretToken.digest(of: token)
        // Read before the lookup: a write committed meanwhile makes the entry stale, never wrong.
        let generation = environment.accounts.authenticationGeneration()
        if let entry = cache.entry(digest, generation: generation, at: now) {
            return try await principal(from: entry, digest: digest, at: now, isNew: false)
        }
        guard let lookup = try await environment.accounts.session(tokenDigest: digest, at: now),
            lookup.session.isOpen(at: now), lookup.account.storedState == .active
        else {
            cache.remove(digest)
            throw RPCError(IdentityMessages.sessionInvalid)
        }
        // A closed company's sessions end at once, whatever their expiry.
        if lookup.companyState == .closed { throw RPCError(CompanyViolation.companyClosed) }
        let session = lookup.session
        let entry = SessionCache.Entry(
            identity: SessionIdentity(
                accountID: lookup.account.id,
                sessionID: session.id,
                login: lookup.account.login.description,
                isOperatorStaff: lookup.account.kind == .operatorStaff,
                companyReference: lookup.account.companyReference,
                pendingTermsVersion: lookup.hasAcceptedTermsInForce ? nil : lookup.termsInForce,
                permissions: Set(lookup.permissions.map(\.rawValue)),
                companySuspended: lookup.companyState == .suspended),
            generation: generation,
            validUntil: min(session.expiresAt, lookup.nextTermsAt ?? session.expiresAt),
            absoluteExpiresAt: session.expiresAt,
            lastUsedAt: session.lastUsedAt,
            idleExpiresAt: session.idleExpiresAt,
            account: lookup.account,
            rightNames: lookup.rightNames)
        return try await principal(from: entry, digest: digest, at: now, isNew: true)
    }

    /// The principal of a session known to be open at `now`, after pushing its idle expiry back
    /// in the database when it moves by more than the granularity.
    private func principal(
        from entry: SessionCache.Entry, digest: String, at now: Timestamp, isNew: Bool
    ) async throws -> Principal {
        var entry = entry
        let policy = environment.settings.sessions
        let idle = policy.idleExpiry(lastUse: now, absoluteExpiry: entry.absoluteExpiresAt)
        let touch = entry.lastUsedAt.duration(to: now) >= policy.touchGranularity
        if touch {
            try await environment.accounts.touchSession(id: entry.identity.sessionID, at: now, idleExpiresAt: idle)
            entry.lastUsedAt = now
            entry.idleExpiresAt = idle
        }
        if isNew || touch { cache.store(entry, for: digest) }
        var identity = entry.identity
        identity.expiresAt = idle.date
        return .session(identity)
    }
}
