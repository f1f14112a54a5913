import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.IdentityService`: accounts, password links, sessions.
public struct IdentityService: IdentityServiceProtocol {
    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
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
