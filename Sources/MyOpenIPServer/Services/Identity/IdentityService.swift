import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.IdentityService`: accounts, password links, sessions.
public struct IdentityService: RPCService {
    public static let serviceName = "myopenip.v1.IdentityService"
    public static let createAccount = MethodDescriptor(service: serviceName, method: "CreateAccount")
    public static let listAccounts = MethodDescriptor(service: serviceName, method: "ListAccounts")
    public static let getAccount = MethodDescriptor(service: serviceName, method: "GetAccount")
    public static let disableAccount = MethodDescriptor(service: serviceName, method: "DisableAccount")
    public static let enableAccount = MethodDescriptor(service: serviceName, method: "EnableAccount")
    public static let resetPassword = MethodDescriptor(service: serviceName, method: "ResetPassword")
    public static let revokeSessions = MethodDescriptor(service: serviceName, method: "RevokeSessions")
    public static let setPassword = MethodDescriptor(service: serviceName, method: "SetPassword")
    public static let requestPasswordReset = MethodDescriptor(service: serviceName, method: "RequestPasswordReset")
    public static let login = MethodDescriptor(service: serviceName, method: "Login")
    public static let logout = MethodDescriptor(service: serviceName, method: "Logout")
    public static let whoAmI = MethodDescriptor(service: serviceName, method: "WhoAmI")
    public static let changePassword = MethodDescriptor(service: serviceName, method: "ChangePassword")

    /// Who may call each method.
    public static let accessRules: [MethodDescriptor: AccessRule] = [
        createAccount: .permission(.usersManage), listAccounts: .permission(.usersManage), getAccount: .permission(.usersManage),
        disableAccount: .permission(.usersManage), enableAccount: .permission(.usersManage),
        resetPassword: .permission(.usersManage), revokeSessions: .permission(.usersManage),
        setPassword: .public, requestPasswordReset: .public, login: .public,
        logout: .signedInBeforeTerms, whoAmI: .signedIn, changePassword: .signedIn,
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [createAccount, disableAccount, enableAccount, resetPassword, revokeSessions]

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.createAccount) { (request: Myopenip_V1_CreateAccountRequest, context) in
            try await self.createAccount(request, context: context)
        }
        router.registerUnary(Self.listAccounts) { (request: Myopenip_V1_ListAccountsRequest, context) in
            try await self.listAccounts(request, scope: context.principal.companyScope)
        }
        router.registerUnary(Self.getAccount) { (request: Myopenip_V1_GetAccountRequest, context) in
            let account = try await self.administeredAccount(request.login, context: context)
            return Myopenip_V1_Account(account, at: self.environment.time.timestamp())
        }
        router.registerUnary(Self.disableAccount) { (request: Myopenip_V1_AccountRequest, context) in
            try await self.setDisabled(true, request, context: context)
        }
        router.registerUnary(Self.enableAccount) { (request: Myopenip_V1_AccountRequest, context) in
            try await self.setDisabled(false, request, context: context)
        }
        router.registerUnary(Self.resetPassword) { (request: Myopenip_V1_AccountRequest, context) in
            try await self.resetPassword(request, context: context)
        }
        router.registerUnary(Self.revokeSessions) { (request: Myopenip_V1_AccountRequest, context) in
            try await self.revokeSessions(request, context: context)
        }
        router.registerUnary(Self.setPassword) { (request: Myopenip_V1_SetPasswordRequest, context) in
            try await self.setPassword(request, context: context)
        }
        router.registerUnary(Self.requestPasswordReset) { (request: Myopenip_V1_RequestPasswordResetRequest, context) in
            try await self.requestPasswordReset(request, context: context)
        }
        router.registerUnary(Self.login) { (request: Myopenip_V1_LoginRequest, context) in
            try await self.login(request, context: context)
        }
        router.registerUnary(Self.logout) { (_: Myopenip_V1_LogoutRequest, context) in
            try await self.logout(context: context)
        }
        router.registerUnary(Self.whoAmI) { (_: Myopenip_V1_WhoAmIRequest, context) in
            try await self.whoAmI(context: context)
        }
        router.registerUnary(Self.changePassword) { (request: Myopenip_V1_ChangePasswordRequest, context) in
            try await self.changePassword(request, context: context)
        }
    }

    /// The account of a login given in a request: INVALID_ARGUMENT for a malformed login,
    /// NOT_FOUND for an unknown one.
    func existingAccount(_ login: String) async throws -> AccountRecord {
        guard let account = try await environment.accounts.account(login: try AccountLogin.required(login)) else {
            throw IdentityMessages.accountUnknown
        }
        return account
    }
}

extension ServerContext {
    /// The audit facts of a change made by this call.
    var audit: AuditContext {
        AuditContext(actor: principal.description, requestID: requestID, idempotencyRecordID: idempotencyRecordID)
    }
}
