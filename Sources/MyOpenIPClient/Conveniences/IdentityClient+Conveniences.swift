import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// Conveniences over the generated client of `myopenip.v1.IdentityService`. ``login(identifier:password:options:)``
/// keeps the session token in the client, so that the following calls are the session's.
extension IdentityClient {
    // MARK: Operator staff

    /// Creates an account (state PENDING_PASSWORD) with the rights `rightIDs`, and queues the mail
    /// with its password link: all or nothing.
    public func createAccount(
        displayName: String, email: String, kind: Myopenip_V1_AccountKind, companyReference: String = "",
        rightIDs: [Int64] = [], options: CallOptions = .default
    ) async throws -> Myopenip_V1_Account {
        var request = Myopenip_V1_CreateAccountRequest()
        request.displayName = displayName
        request.email = email
        request.kind = kind
        request.companyReference = companyReference
        request.rightIds = rightIDs
        return try await createAccount(request, options: options)
    }

    /// One page of accounts in login order; pass the response's `nextPageToken` for the next.
    public func listAccounts(
        kind: Myopenip_V1_AccountKind = .unspecified, state: Myopenip_V1_AccountState = .unspecified,
        companyReference: String = "", holdingRight rightID: Int64 = 0, pageSize: UInt32 = 0, pageToken: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListAccountsResponse {
        var request = Myopenip_V1_ListAccountsRequest()
        request.kind = kind
        request.state = state
        request.companyReference = companyReference
        request.rightID = rightID
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listAccounts(request, options: options)
    }

    public func account(login: String, options: CallOptions = .default) async throws -> Myopenip_V1_Account {
        var request = Myopenip_V1_GetAccountRequest()
        request.login = login
        return try await getAccount(request, options: options)
    }

    /// Changes the fields given of an account (nil leaves one as it is). A new email gets a new
    /// password link, and the former address is told.
    public func updateAccount(
        login: String, displayName: String? = nil, email: String? = nil, options: CallOptions = .default
    ) async throws -> Myopenip_V1_Account {
        var request = Myopenip_V1_UpdateAccountRequest()
        request.login = login
        if let displayName {
            request.displayName = displayName
            request.updateMask.paths.append("display_name")
        }
        if let email {
            request.email = email
            request.updateMask.paths.append("email")
        }
        return try await updateAccount(request, options: options)
    }

    /// Disables an account: it can no longer log in, its sessions and links are revoked.
    public func disableAccount(login: String, options: CallOptions = .default) async throws -> Myopenip_V1_Account {
        try await disableAccount(Self.accountRequest(login), options: options)
    }

    /// Enables a disabled account again, or lifts the lock of a locked one.
    public func enableAccount(login: String, options: CallOptions = .default) async throws -> Myopenip_V1_Account {
        try await enableAccount(Self.accountRequest(login), options: options)
    }

    /// Mails a new password link to the account's owner; returns when it expires.
    public func resetPassword(login: String, options: CallOptions = .default) async throws -> Google_Protobuf_Timestamp {
        let response = try await resetPassword(Self.accountRequest(login), options: options)
        return response.linkExpiresAt
    }

    /// Closes every session of an account; returns how many were open.
    @discardableResult
    public func revokeSessions(login: String, options: CallOptions = .default) async throws -> Int {
        let response = try await revokeSessions(Self.accountRequest(login), options: options)
        return Int(response.revoked)
    }

    private static func accountRequest(_ login: String) -> Myopenip_V1_AccountRequest {
        var request = Myopenip_V1_AccountRequest()
        request.login = login
        return request
    }

    // MARK: Anyone

    /// Sets the password of the account of a mailed link; returns the account's login.
    public func setPassword(
        token: String, password: String, confirmation: String, options: CallOptions = .default
    ) async throws -> String {
        var request = Myopenip_V1_SetPasswordRequest()
        request.token = token
        request.password = password
        request.passwordConfirmation = confirmation
        let response = try await setPassword(request, options: options)
        return response.login
    }

    /// Asks for a new password link by login or email; the answer never tells whether the account exists.
    public func requestPasswordReset(identifier: String, options: CallOptions = .default) async throws {
        var request = Myopenip_V1_RequestPasswordResetRequest()
        request.identifier = identifier
        let _ = try await requestPasswordReset(request, options: options)
    }

    /// Opens a session and keeps its token in the client for the following calls.
    @discardableResult
    public func login(identifier: String, password: String, options: CallOptions = .default) async throws
        -> Myopenip_V1_LoginResponse
    {
        var request = Myopenip_V1_LoginRequest()
        request.identifier = identifier
        request.password = password
        let response = try await login(request, options: options)
        client.sessionToken = response.sessionToken
        return response
    }

    // MARK: A session

    /// Closes the client's session and forgets its token.
    public func logout(options: CallOptions = .default) async throws {
        do {
            _ = try await logout(Myopenip_V1_LogoutRequest(), options: options)
        } catch let error as RPCError where error.code == .unauthenticated {
            // The session had already ended: forgetting the token is all that is left to do.
        }
        client.sessionToken = nil
    }

    /// Who the caller is: its account, its rights, whether terms wait for acceptance.
    public func whoAmI(options: CallOptions = .default) async throws -> Myopenip_V1_WhoAmIResponse {
        try await whoAmI(Myopenip_V1_WhoAmIRequest(), options: options)
    }

    /// Changes the session's own password; returns how many other sessions were closed.
    public func changePassword(
        current: String, new: String, confirmation: String, options: CallOptions = .default
    ) async throws -> Int {
        var request = Myopenip_V1_ChangePasswordRequest()
        request.currentPassword = current
        request.newPassword = new
        request.newPasswordConfirmation = confirmation
        let response = try await changePassword(request, options: options)
        return Int(response.revokedSessions)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.IdentityService`.
    public var identity: IdentityClient { IdentityClient(client: self) }
}
