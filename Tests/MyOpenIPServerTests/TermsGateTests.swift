import MyOpenIPRPC
import MyOpenIPServer
import Testing

@Suite("AuthorizationInterceptor: sessions and the terms of use gate")
struct TermsGateTests {
    static let open = MethodDescriptor(service: "test.v1.S", method: "Open")
    static let beforeTerms = MethodDescriptor(service: "test.v1.S", method: "ReadTerms")
    static let signedIn = MethodDescriptor(service: "test.v1.S", method: "Work")
    static let staff = MethodDescriptor(service: "test.v1.S", method: "Administer")

    let interceptor = AuthorizationInterceptor(
        policy: AccessPolicy([
            open: .public, beforeTerms: .signedInBeforeTerms, signedIn: .signedIn, staff: .operatorOnly,
        ]))

    static func session(staff: Bool = false, pendingTerms: Int64? = nil) -> Principal {
        .session(
            SessionIdentity(
                accountID: 1, sessionID: 1, login: "E-0000000001", isOperatorStaff: staff,
                companyReference: staff ? nil : "OIP-00000002", pendingTermsVersion: pendingTerms))
    }

    private func error(_ method: MethodDescriptor, _ principal: Principal) async -> RPCError? {
        do {
            try await runThrough(interceptor, context: makeContext(method, principal: principal))
            return nil
        } catch {
            return error as? RPCError
        }
    }

    @Test("a session that accepted the terms reaches signed-in methods")
    func acceptedSession() async {
        #expect(await error(Self.signedIn, Self.session()) == nil)
        #expect(await error(Self.beforeTerms, Self.session()) == nil)
    }

    @Test("a session with terms to accept is FAILED_PRECONDITION everywhere but the methods allowed before the terms")
    func pendingTerms() async {
        let pending = Self.session(pendingTerms: 3)
        #expect(await error(Self.beforeTerms, pending) == nil)
        #expect(await error(Self.open, pending) == nil)
        for method in [Self.signedIn, Self.staff] {
            let refused = await error(method, pending)
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.reason == "TERMS_NOT_ACCEPTED")
            #expect(refused?.message == "Vous devez accepter les conditions d'utilisation (C.U.) de MyOpenIP avant de continuer")
            #expect(refused?.metadata["terms_version"] == "3")
        }
        let staffPending = await error(Self.staff, Self.session(staff: true, pendingTerms: 3))
        #expect(staffPending?.reason == "TERMS_NOT_ACCEPTED")
    }

    @Test("anonymous callers must sign in; client users are not operator staff")
    func refusals() async {
        for method in [Self.beforeTerms, Self.signedIn, Self.staff] {
            let anonymous = await error(method, .anonymous)
            #expect(anonymous?.code == .unauthenticated)
            #expect(anonymous?.reason == "AUTHENTICATION_REQUIRED")
        }
        let client = await error(Self.staff, Self.session())
        #expect(client?.code == .permissionDenied)
        #expect(client?.reason == "OPERATOR_ONLY")
        #expect(await error(Self.staff, Self.session(staff: true)) == nil)
        #expect(await error(Self.staff, .operatorProcess(uid: 0)) == nil)
        #expect(await error(Self.signedIn, .operatorProcess(uid: 0)) == nil)
    }

    @Test("principals name themselves for the audit trail")
    func descriptions() {
        #expect(Self.session().description == "E-0000000001")
        #expect(Principal.operatorProcess(uid: 0).description == "operator(uid=0)")
        #expect(Self.session(staff: true).isOperator)
        #expect(!Self.session().isOperator)
    }
}
