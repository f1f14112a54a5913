import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("A violation's kind gives its status")
struct DomainViolationStatusTests {
    @Test(
        "each kind is one status code",
        arguments: [
            (DomainViolation.Kind.invalid, StatusCode.invalidArgument), (.notFound, .notFound), (.alreadyExists, .alreadyExists),
            (.refusedInThisState, .failedPrecondition), (.notAllowed, .permissionDenied), (.notSignedIn, .unauthenticated),
            (.limitReached, .resourceExhausted),
        ])
    func kinds(kind: DomainViolation.Kind, code: StatusCode) {
        #expect(kind.statusCode == code)
        let error = DomainViolation(reason: "R", message: "m", field: "f", kind: kind).rpcError
        #expect(error.code == code)
        #expect(error.reason == "R")
        #expect(error.field == "f")
    }

    @Test("violations declared with the domain rules carry their kind; a violation that says none is invalid")
    func declared() {
        #expect(SiteViolation.unknownSite.rpcError.code == .notFound)
        #expect(SiteViolation.headOffice.rpcError.code == .failedPrecondition)
        #expect(CompanyViolation.sirenTaken.rpcError.code == .alreadyExists)
        #expect(RightsViolation.permissionNotHeld.rpcError.code == .permissionDenied)
        #expect(TermsViolation.beforeInForce.rpcError.code == .failedPrecondition)
        #expect(TermsViolation.alreadyInForce.rpcError.code == .failedPrecondition)
        #expect(IdentityMessages.invalidCredentials.rpcError.code == .unauthenticated)
        #expect(IdentityMessages.accountLocked(retryAfter: .seconds(30)).rpcError.code == .resourceExhausted)
        #expect(DomainViolation(reason: "X", message: "y").rpcError.code == .invalidArgument)
    }
}
