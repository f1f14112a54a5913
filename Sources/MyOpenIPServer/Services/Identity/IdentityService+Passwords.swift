import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension IdentityService {
    /// A new link of `purpose` valid from `now`, and the mail that carries it for a login and a
    /// recipient. Only the digest of the token is stored; the mail holds the token until sent.
    func passwordLink(
        _ purpose: PasswordLinkMail.Purpose, at now: Timestamp
    ) -> (NewPasswordLink, @Sendable (AccountLogin, String) -> OutgoingMail) {
        let token = SecretToken.generate()
        let expiry = now.adding(environment.settings.passwordLinkLifetime)
        let url = environment.settings.passwordLink(token: token.value)
        let domain = environment.settings.messageIDDomain
        let link = NewPasswordLink(tokenDigest: token.digest, purpose: purpose, expiresAt: expiry)
        return (
            link,
            { login, recipient in
                let mail = PasswordLinkMail(login: login, link: url, expiresAt: expiry)
                return OutgoingMail(
                    recipient: recipient, subject: mail.subject, body: mail.body, template: purpose.rawValue, secret: token.value,
                    messageID: MessageID.new(domain: domain))
            }
        )
    }

    /// Mails a new reset link to the account's owner, voiding the older ones; answers `respond`
    /// of its expiry. With a `quietPeriod`, nothing is sent when a link went out less than that
    /// long ago (a public request must not let anyone flood a mailbox).
    func issueResetLink<Response: SwiftProtobuf.Message>(
        for account: AccountRecord, quietPeriod: Duration? = nil, context: ServerContext,
        answer respond: @escaping @Sendable (_ expiresAt: Timestamp) -> Response
    ) async throws -> Response {
        let now = environment.time.timestamp()
        let (link, mail) = passwordLink(.reset, at: now)
        return try await context.answering(
            { (_: Bool) in respond(link.expiresAt) },
            write: {
                try await environment.accounts.issuePasswordLink(
                    link, accountID: account.id, mail: mail(account.login, account.email),
                    notIfIssuedAfter: quietPeriod.map { now.adding(.zero - $0) }, context: context.audit, at: now)
            })
    }

    /// How often a public request may send a new link to the same account.
    static let publicResetQuietPeriod: Duration = .seconds(5 * 60)

    public func setPassword(_ request: Myopenip_V1_SetPasswordRequest, context: ServerContext) async throws
        -> Myopenip_V1_SetPasswordResponse
    {
        let token = request.token.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.utf8.count <= 256,
            let (link, account) = try await environment.accounts.passwordLink(tokenDigest: SecretToken.digest(of: token))
        else { throw IdentityMessages.linkInvalid }
        if let problem = link.problem(at: environment.time.timestamp()) { throw problem }
        guard account.storedState != .disabled else { throw IdentityMessages.accountDisabled }
        try Self.checkPolicy(
            request.password, confirmation: request.passwordConfirmation, account: account, field: nil)
        let hash = try await environment.hasher.hash(request.password)
        let updated = try await environment.accounts.setPassword(
            linkDigest: SecretToken.digest(of: token), passwordHash: hash, context: context.audit,
            at: environment.time.timestamp())
        context.logger.info("password set", metadata: ["login": "\(updated.login)"])
        var response = Myopenip_V1_SetPasswordResponse()
        response.login = updated.login.description
        return response
    }

    public func requestPasswordReset(
        _ request: Myopenip_V1_RequestPasswordResetRequest, context: ServerContext
    ) async throws -> Myopenip_V1_RequestPasswordResetResponse {
        let identifier = request.identifier.trimmingCharacters(in: .whitespaces)
        guard !identifier.isEmpty, identifier.utf8.count <= 254 else {
            throw RPCError(
                .invalidArgument, "Veuillez saisir votre identifiant ou votre adresse e-mail", reason: "IDENTIFIER_REQUIRED",
                field: "identifier")
        }
        // The answer is the same whether the account exists or not, so it tells nobody which do.
        if let account = try await environment.accounts.account(identifier: identifier), account.storedState != .disabled {
            _ = try await issueResetLink(for: account, quietPeriod: Self.publicResetQuietPeriod, context: context) { _ in
                Myopenip_V1_RequestPasswordResetResponse()
            }
        }
        return Myopenip_V1_RequestPasswordResetResponse()
    }

    public func changePassword(
        _ request: Myopenip_V1_ChangePasswordRequest, context: ServerContext
    ) async throws -> Myopenip_V1_ChangePasswordResponse {
        guard let session = context.principal.session else { throw Self.sessionRequired }
        guard let account = try await environment.accounts.account(login: try AccountLogin.required(session.login)),
            let stored = account.passwordHash
        else { throw IdentityMessages.sessionInvalid }
        guard request.currentPassword.utf8.count <= Self.maximumPasswordBytes,
            try await environment.hasher.verify(request.currentPassword, against: stored)
        else { throw IdentityMessages.currentPasswordWrong }
        try Self.checkPolicy(
            request.newPassword, confirmation: request.newPasswordConfirmation, account: account, field: "new_password")
        let hash = try await environment.hasher.hash(request.newPassword)
        let revoked = try await environment.accounts.changePassword(
            accountID: account.id, passwordHash: hash, keepingSession: session.sessionID, context: context.audit,
            at: environment.time.timestamp())
        var response = Myopenip_V1_ChangePasswordResponse()
        response.revokedSessions = UInt32(clamping: revoked)
        return response
    }

    /// Checks a new password against the policy: the message of the first rule broken, and every
    /// broken rule's reason in the error's metadata (`broken_rules`).
    static func checkPolicy(_ password: String, confirmation: String, account: AccountRecord, field: String?) throws {
        let broken = PasswordPolicy.brokenRules(
            password: password, confirmation: confirmation, login: account.login.description, email: account.email)
        guard let first = broken.first else { return }
        var error = RPCError(
            first.violation,
            metadata: [
                "broken_rules": broken.map(\.rawValue).joined(separator: ","),
                "requirement": PasswordPolicy.requirement,
            ])
        if let field { error.field = first == .confirmationMismatch ? field + "_confirmation" : field }
        throw error
    }

    /// Longer passwords are refused before any KDF runs (the policy allows 128 characters).
    static let maximumPasswordBytes = 1024

    static let sessionRequired = RPCError(
        .failedPrecondition, "this method needs an account's session, not the operator's socket", reason: "SESSION_REQUIRED")
}
