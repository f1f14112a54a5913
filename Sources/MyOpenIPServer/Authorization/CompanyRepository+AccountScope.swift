import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

extension CompanyRepository {
    /// Throws NOT_FOUND "account unknown" when `account` is outside the companies the caller
    /// sees: for the caller, such an account does not exist. Operator staff see every account.
    func requireVisible(_ account: AccountRecord, to principal: Principal) async throws {
        let scope = principal.companyScope
        guard scope != .everything else { return }
        guard let reference = account.companyReference.flatMap({ try? CompanyReference($0) }),
            try await company(reference, in: scope) != nil
        else { throw IdentityMessages.accountUnknown }
    }
}
