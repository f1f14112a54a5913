import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension IdentityService {
    /// Checks a login and password. Unknown identifiers and accounts without a password are
    /// verified against a decoy hash, and every failure is recorded, so that all failures take
    /// the same time and give the same answer.
    public func login(_ request: Myopenip_V1_LoginRequest, context: ServerContext) async throws -> Myopenip_V1_LoginResponse {
        let identifier = request.identifier.trimmingCharacters(in: .whitespaces)
        guard !identifier.isEmpty, !request.password.isEmpty else {
            throw RPCError(
                .invalidArgument, "Veuillez saisir votre identifiant et votre mot de passe", reason: "CREDENTIALS_REQUIRED",
                field: identifier.isEmpty ? "identifier" : "password")
        }
        let start = environment.time.timestamp()
        if let until = environment.failedLogins.blockedUntil(context.peer, at: start) {
            throw FailedLoginThrottle.refusal(until: until, now: start)
        }
        let account = identifier.utf8.count <= 254 ? try await environment.accounts.account(identifier: identifier) : nil
        // An identifier of no account is locked as an account would be: the lock tells nothing.
        let lock =
            if let account { account.lock(at: start) } else {
                try await environment.accounts.decoyLock(identifier: identifier, at: start)
            }
        if let lockedUntil = lock {
            throw RPCError(
                IdentityMessages.accountLocked(retryAfter: start.duration(to: lockedUntil)),
                metadata: ["locked_until": lockedUntil.iso8601])
        }
        let stored: String
        if let hash = account?.passwordHash {
            stored = hash
        } else {
            stored = try await environment.decoy.value()
        }
        var matches = false
        if request.password.utf8.count <= Self.maximumPasswordBytes {
            matches = try await environment.hasher.verify(request.password, against: stored)
        }
        let now = environment.time.timestamp()
        guard let account, account.passwordHash != nil, matches else {
            environment.failedLogins.recordFailure(context.peer, at: now)
            _ = try await environment.accounts.recordFailedLogin(
                accountID: account?.id, identifier: identifier, lockout: environment.settings.lockout,
                context: context.audit, at: now)
            throw IdentityMessages.invalidCredentials
        }
        guard account.storedState == .active else { throw IdentityMessages.accountDisabled }
        if let reference = account.companyReference.flatMap({ try? CompanyReference($0) }),
            try await environment.companies.company(reference, in: .everything)?.state == .closed
        {
            throw CompanyViolation.companyClosed
        }

        let token = SecretToken.generate()
        let rehashed = environment.hasher.needsRehash(stored) ? try await environment.hasher.hash(request.password) : nil
        let session = try await environment.accounts.openSession(
            accountID: account.id, tokenDigest: token.digest, policy: environment.settings.sessions,
            client: "\(context.peer)", rehashedPassword: rehashed,
            context: AuditContext(actor: account.login.description, requestID: context.requestID), at: now)
        let inForce = try await environment.terms.inForce(document: .termsOfUse, at: now)
        var mustAcceptTerms = false
        if let inForce {
            mustAcceptTerms = try await !environment.terms.hasAccepted(version: inForce.version, accountID: account.id)
        }
        context.logger.info("login", metadata: ["login": "\(account.login)", "session": "\(session.id)"])
        // The connection now carries a session: it gets the limits of signed-in peers.
        context.connectionTrust?.markSignedIn()

        var response = Myopenip_V1_LoginResponse()
        response.sessionToken = token.value
        response.idleExpiresAt = Google_Protobuf_Timestamp(session.idleExpiresAt)
        response.expiresAt = Google_Protobuf_Timestamp(session.expiresAt)
        response.account = Myopenip_V1_Account(account, at: now)
        response.account.failedLogins = 0
        response.mustAcceptTerms = mustAcceptTerms
        return response
    }

    public func logout(_ request: Myopenip_V1_LogoutRequest, context: ServerContext) async throws -> Myopenip_V1_LogoutResponse {
        guard let session = context.principal.session else { throw Self.sessionRequired }
        try await environment.accounts.revokeSession(
            id: session.sessionID, accountID: session.accountID, reason: "logout", context: context.audit,
            at: environment.time.timestamp())
        return Myopenip_V1_LogoutResponse()
    }

    public func whoAmI(_ request: Myopenip_V1_WhoAmIRequest, context: ServerContext) async throws -> Myopenip_V1_WhoAmIResponse {
        var response = Myopenip_V1_WhoAmIResponse()
        response.isOperator = context.principal.isOperator
        switch context.principal {
        case .operatorProcess(let uid):
            response.operatorUid = uid
        case .session(let session):
            let now = environment.time.timestamp()
            let generation = environment.accounts.authenticationGeneration()
            if let known = environment.sessions.entry(session: session.sessionID, generation: generation, at: now) {
                // What authentication just read, still true: no read of its own.
                response.account = Myopenip_V1_Account(known.account, at: now)
                response.rights = known.rightNames
            } else {
                // The two reads go to two reader connections at once.
                async let found = environment.accounts.account(login: try AccountLogin.required(session.login))
                async let rights = environment.rights.rights(ofAccount: session.accountID)
                guard let account = try await found else { throw IdentityMessages.sessionInvalid }
                response.account = Myopenip_V1_Account(account, at: now)
                response.rights = try await rights.map(\.name)
            }
            response.permissions = session.permissions.sorted()
            response.mustAcceptTerms = session.pendingTermsVersion != nil
            if let expiresAt = session.expiresAt { response.sessionExpiresAt = Google_Protobuf_Timestamp(Timestamp(expiresAt)) }
        case .anonymous:
            throw RPCError(IdentityMessages.authenticationRequired)
        }
        return response
    }
}
