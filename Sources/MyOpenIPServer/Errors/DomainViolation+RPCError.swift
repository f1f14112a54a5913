import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

extension RPCError {
    /// The error of a broken business rule: its message, reason and field, with `code`.
    init(_ violation: DomainViolation, code: StatusCode, metadata: [String: String] = [:]) {
        self.init(code, violation.message, reason: violation.reason, field: violation.field, metadata: metadata)
    }
}

/// A violation thrown by domain code or a repository reaches the caller with the status its
/// reason calls for (INVALID_ARGUMENT unless listed here), never as INTERNAL.
extension DomainViolation: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(self, code: Self.codes[reason] ?? .invalidArgument)
    }

    private static let codes: [String: StatusCode] = [
        IdentityMessages.emailTaken.reason: .alreadyExists,
        IdentityMessages.accountUnknown.reason: .notFound,
        IdentityMessages.linkInvalid.reason: .notFound,
        IdentityMessages.linkUsed.reason: .failedPrecondition,
        IdentityMessages.linkExpired.reason: .failedPrecondition,
        IdentityMessages.accountDisabled.reason: .permissionDenied,
        IdentityMessages.invalidCredentials.reason: .unauthenticated,
        IdentityMessages.sessionInvalid.reason: .unauthenticated,
        IdentityMessages.authenticationRequired.reason: .unauthenticated,
        IdentityMessages.termsNotAccepted.reason: .failedPrecondition,
        IdentityMessages.currentPasswordWrong.reason: .permissionDenied,
        TermsRepositoryViolation.olderThanLatest.reason: .failedPrecondition,
        CompanyViolation.sirenTaken.reason: .alreadyExists,
        CompanyViolation.unknownCompany.reason: .notFound,
        CompanyViolation.unknownPartner.reason: .notFound,
        CompanyViolation.partnerOfPartner.reason: .failedPrecondition,
        RightsViolation.nameTaken.reason: .alreadyExists,
        SiteViolation.unknownSite.reason: .notFound,
        SiteViolation.nameTaken.reason: .alreadyExists,
        SiteViolation.headOffice.reason: .failedPrecondition,
        SiteViolation.unknownContact.reason: .notFound,
        RightsViolation.unknownRight.reason: .notFound,
        RightsViolation.accountWithoutCompany.reason: .failedPrecondition,
        "ACCOUNT_LOCKED": .resourceExhausted,
    ]
}
