import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension IdentityService {
    public func createAccount(_ request: Myopenip_V1_CreateAccountRequest, context: ServerContext) async throws
        -> Myopenip_V1_Account
    {
        let draft = try AccountDraft(
            displayName: request.displayName, email: request.email, kind: AccountKind(request.kind),
            companyReference: request.companyReference)
        try await checkCompany(of: draft, context: context)
        let now = environment.time.timestamp()
        let (link, mail) = passwordLink(.initialisation, at: now)
        let principal = context.principal
        let account = try await context.answering(
            { Myopenip_V1_Account($0, at: now) },
            write: {
                try await environment.accounts.createAccount(
                    draft, link: link, mail: { login in mail(login, draft.email.description) }, rights: Set(request.rightIds),
                    check: { given in
                        // Nobody but operator staff gives a permission they do not hold.
                        try principal.requireHolds(given.permissions)
                    }, context: context.audit, at: now)
            })
        context.logger.info("account created", metadata: ["login": "\(account.login)", "kind": "\(draft.kind.rawValue)"])
        return account
    }

    /// A partner or client user belongs to a company that exists, of their kind; a company's user
    /// administrator creates users of the companies of their scope only, and no operator staff.
    private func checkCompany(of draft: AccountDraft, context: ServerContext) async throws {
        guard let reference = draft.company else {
            guard context.principal.isOperator else {
                throw RPCError(
                    .permissionDenied, "Seul le personnel OpenIP peut créer un compte du personnel OpenIP",
                    reason: "OPERATOR_ONLY",
                    field: "kind")
            }
            return
        }
        guard let company = try await environment.companies.company(reference, in: context.principal.companyScope) else {
            throw CompanyViolation.unknownCompany
        }
        let expected: AccountKind = company.kind == .partner ? .partnerUser : .clientUser
        guard draft.kind == expected else {
            throw DomainViolation(
                reason: "ACCOUNT_KIND_MISMATCH",
                message:
                    "Le type de compte doit correspondre à la société (\(company.kind == .partner ? "partenaire" : "client"))",
                field: "kind")
        }
    }

    public func listAccounts(_ request: Myopenip_V1_ListAccountsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListAccountsResponse
    {
        let scope = context.principal.companyScope
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = AccountFilter(kind: AccountKind(request.kind), state: AccountState(request.state), scope: scope)
        if !request.companyReference.isEmpty {
            let company = try CompanyReference(request.companyReference)
            // Another tenant's company does not exist for the caller: NOT_FOUND, not an empty list.
            guard try await environment.companies.company(company, in: scope) != nil else {
                throw CompanyViolation.unknownCompany
            }
            filter.companyReference = company.description
        }
        if request.rightID != 0 {
            // Holders of a right the caller cannot see: the right does not exist for them.
            guard try await environment.rights.right(request.rightID, in: scope) != nil else {
                var unknown = RightsViolation.unknownCustomRight
                unknown.field = "right_id"
                throw unknown
            }
            filter.rightID = request.rightID
        }
        let now = environment.time.timestamp()
        let result = try await environment.accounts.accounts(filter, page: page, at: now)
        var response = Myopenip_V1_ListAccountsResponse()
        response.accounts = result.items.map { Myopenip_V1_Account($0, at: now) }
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getAccount(_ request: Myopenip_V1_GetAccountRequest, context: ServerContext) async throws -> Myopenip_V1_Account {
        let account = try await administeredAccount(request.login, context: context)
        return Myopenip_V1_Account(account, at: environment.time.timestamp())
    }

    /// The fields of an account `UpdateAccount` may change.
    static let updatableFields: Set<String> = ["display_name", "email"]

    public func updateAccount(_ request: Myopenip_V1_UpdateAccountRequest, context: ServerContext) async throws
        -> Myopenip_V1_Account
    {
        let fields = try request.updateMask.checkedPaths(Self.updatableFields)
        let change = try AccountChange(
            displayName: fields.contains("display_name") ? request.displayName : nil,
            email: fields.contains("email") ? request.email : nil)
        let account = try await managedAccount(request.login, context: context)
        let now = environment.time.timestamp()
        let (link, linkMail) = passwordLink(account.passwordSetAt == nil ? .initialisation : .reset, at: now)
        let updated = try await context.answering(
            { Myopenip_V1_Account($0, at: now) },
            write: {
                try await environment.accounts.updateAccount(
                    account.id, change, link: link,
                    mails: { before, email in
                        let notice = EmailChangedMail(login: before.login, newEmail: email)
                        return (
                            linkMail(before.login, email.description),
                            OutgoingMail(
                                recipient: before.email, subject: notice.subject, body: notice.body,
                                template: EmailChangedMail.template,
                                messageID: MessageID.new(domain: environment.settings.messageIDDomain))
                        )
                    }, context: context.audit, at: now)
            })
        context.logger.info("account updated", metadata: ["login": "\(updated.login)", "fields": "\(fields.sorted())"])
        return updated
    }

    public func disableAccount(_ request: Myopenip_V1_AccountRequest, context: ServerContext) async throws -> Myopenip_V1_Account
    {
        try await setDisabled(true, request, context: context)
    }

    public func enableAccount(_ request: Myopenip_V1_AccountRequest, context: ServerContext) async throws -> Myopenip_V1_Account {
        try await setDisabled(false, request, context: context)
    }

    func setDisabled(_ disabled: Bool, _ request: Myopenip_V1_AccountRequest, context: ServerContext) async throws
        -> Myopenip_V1_Account
    {
        let account = try await managedAccount(request.login, context: context)
        if disabled, account.id == context.principal.session?.accountID {
            throw RPCError(
                .failedPrecondition, "Vous ne pouvez pas désactiver votre propre compte", reason: "OWN_ACCOUNT", field: "login")
        }
        let now = environment.time.timestamp()
        return try await context.answering(
            { Myopenip_V1_Account($0, at: now) },
            write: {
                try await environment.accounts.setDisabled(disabled, accountID: account.id, context: context.audit, at: now)
            })
    }

    public func resetPassword(_ request: Myopenip_V1_AccountRequest, context: ServerContext) async throws
        -> Myopenip_V1_ResetPasswordResponse
    {
        let account = try await managedAccount(request.login, context: context)
        guard account.storedState != .disabled else {
            throw RPCError(
                .failedPrecondition, "Ce compte est désactivé : réactivez-le avant de lui envoyer un lien",
                reason: "ACCOUNT_DISABLED", field: "login")
        }
        return try await issueResetLink(for: account, context: context) { expiry in
            var response = Myopenip_V1_ResetPasswordResponse()
            response.linkExpiresAt = Google_Protobuf_Timestamp(expiry)
            return response
        }
    }

    public func revokeSessions(_ request: Myopenip_V1_AccountRequest, context: ServerContext) async throws
        -> Myopenip_V1_RevokeSessionsResponse
    {
        let account = try await managedAccount(request.login, context: context)
        let reason = context.principal.isOperator ? "revoked_by_operator" : "revoked_by_administrator"
        return try await context.answering(
            { (count: Int) in
                var response = Myopenip_V1_RevokeSessionsResponse()
                response.revoked = UInt32(clamping: count)
                return response
            },
            write: {
                try await environment.accounts.revokeSessions(
                    accountID: account.id, except: nil, reason: reason, context: context.audit, at: environment.time.timestamp())
            })
    }

    /// The account a user administrator acts on: one of the companies of their scope (operator
    /// staff administer every account); any other answers NOT_FOUND.
    func administeredAccount(_ login: String, context: ServerContext) async throws -> AccountRecord {
        let account = try await existingAccount(login)
        try await environment.companies.requireVisible(account, to: context.principal)
        return account
    }

    /// The account of `login` for a change (disable, enable, new link, end its sessions): an
    /// administered account whose permissions the caller holds too. Nobody but operator staff
    /// acts on a user who holds more than they do, so that a user administrator cannot lock
    /// out the company's "Administrateur tout Univers" (PERMISSION_DENIED `ACCOUNT_MORE_PRIVILEGED`).
    func managedAccount(_ login: String, context: ServerContext) async throws -> AccountRecord {
        let account = try await administeredAccount(login, context: context)
        let principal = context.principal
        guard !principal.isOperator else { return account }
        let permissions = try await environment.rights.rights(ofAccount: account.id).permissions
        guard principal.holds(permissions) else { throw IdentityMessages.accountMorePrivileged }
        return account
    }
}
