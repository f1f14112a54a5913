import Foundation
import MyOpenIPClient
import MyOpenIPProto
import MyOpenIPServer
import Testing

/// Who calls, in the authorization matrix.
private enum Caller: String, CaseIterable, CustomStringConvertible {
    case anonymous
    case operatorProcess
    case operatorStaff
    case administrator
    case clientUniverse
    case companyEdit
    case companyView
    case billingView
    case ordersAdminister
    case servicesView
    case noRights
    case partnerAdministrator
    case otherPartnerAdministrator
    case otherCompanyAdministrator
    case termsNotAccepted

    var description: String { rawValue }

    /// The template of a custom right, for the callers that hold one.
    var template: String? {
        switch self {
        case .companyEdit: return "company_edit"
        case .companyView: return "company_view"
        case .billingView: return "billing_view"
        case .ordersAdminister: return "orders_administer"
        case .servicesView: return "services_view"
        default: return nil
        }
    }
}

/// What the guide says each caller may do, written from its text, independently of the code's
/// mapping from rights to permissions.
private func mayCall(_ caller: Caller, _ rule: AccessRule) -> Bool {
    let isOperator = caller == .operatorProcess || caller == .operatorStaff
    let companyAdministrators: Set<Caller> = [
        .administrator, .partnerAdministrator, .otherPartnerAdministrator, .otherCompanyAdministrator,
    ]
    switch rule {
    case .public:
        return true
    case .signedInBeforeTerms:
        return caller != .anonymous
    case .signedIn:
        return caller != .anonymous && caller != .termsNotAccepted
    case .operatorOnly:
        return isOperator
    case .permission(let permission):
        if isOperator || companyAdministrators.contains(caller) { return true }
        switch permission {
        case .companyRead: return [.clientUniverse, .companyEdit, .companyView].contains(caller)
        case .companyWrite, .usersManage: return caller == .companyEdit
        case .billingRead: return [.clientUniverse, .billingView].contains(caller)
        case .ordersManage: return [.clientUniverse, .ordersAdminister].contains(caller)
        case .servicesRead: return [.clientUniverse, .servicesView].contains(caller)
        case .auditRead: return false
        }
    }
}

/// Whether a caller sees the objects of the client company OIP-00000002: its own users, its
/// partner's, operator staff; not another client's or another partner's users.
private func seesTheClient(_ caller: Caller) -> Bool {
    ![.otherCompanyAdministrator, .otherPartnerAdministrator, .anonymous].contains(caller)
}

/// The reasons with which the authentication and authorization interceptors refuse a call.
private let refusalReasons: Set<String> = [
    "AUTHENTICATION_REQUIRED", "OPERATOR_ONLY", "PERMISSION_REQUIRED", "TERMS_NOT_ACCEPTED", "NO_ACCESS_RULE", "SESSION_INVALID",
]

@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    @Test(
        "every method × every kind of caller is allowed or refused exactly as the guide's rights say",
        arguments: TestTransport.allCases)
    func matrix(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let callers = try await Self.prepareCallers(daemon, transport: transport)
            let routes = daemon.daemon.router.routes
                .filter { $0.descriptor.service.hasPrefix("myopenip.v1.") || $0.descriptor.service.hasPrefix("grpc.") }
                .filter { !$0.isServerStreaming }
                // Logout ends the caller's session: it goes last.
                .sorted { ($0.descriptor == IdentityService.logout ? 1 : 0) < ($1.descriptor == IdentityService.logout ? 1 : 0) }
            #expect(routes.count > 30)
            var checked = 0
            var refusals = 0
            for route in routes {
                let rule = try #require(daemon.daemon.accessPolicy.rule(for: route.descriptor), "\(route.descriptor) has no rule")
                for caller in Caller.allCases {
                    let client = try #require(callers[caller])
                    let error = await rpcError {
                        try await client.unary(
                            route.descriptor, request: Grpc_Health_V1_HealthCheckRequest(),
                            as: Google_Rpc_ErrorInfo.self)
                    }
                    let refused = error.map { $0.reason.map(refusalReasons.contains) ?? false } ?? false
                    let expected = mayCall(caller, rule)
                    #expect(
                        refused == !expected, "\(route.descriptor) by \(caller): \(error.map(String.init(describing:)) ?? "OK")")
                    checked += 1
                    if refused { refusals += 1 }
                }
            }
            #expect(checked == routes.count * Caller.allCases.count)
            // Both outcomes are well represented: the matrix is not all open or all shut.
            #expect(refusals > checked / 4 && refusals < checked * 3 / 4, "\(refusals) refusals of \(checked) calls")
            for client in callers.values { await client.close() }
        }
    }

    @Test(
        "every server-streaming method × every kind of caller: refused at once, or the stream opens",
        arguments: TestTransport.allCases)
    func streamingMatrix(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let callers = try await Self.prepareCallers(daemon, transport: transport)
            let routes = daemon.daemon.router.routes.filter(\.isServerStreaming)
            #expect(routes.contains { $0.descriptor == OrderService.watchOrders })
            for route in routes {
                let rule = try #require(daemon.daemon.accessPolicy.rule(for: route.descriptor))
                for caller in Caller.allCases {
                    let client = try #require(callers[caller])
                    // An allowed watch stays open (it is cut by the short deadline) or sends its first message.
                    let error = await rpcError {
                        let stream = try await client.serverStreaming(
                            route.descriptor, request: Grpc_Health_V1_HealthCheckRequest(), as: Google_Rpc_ErrorInfo.self,
                            options: CallOptions(timeout: .milliseconds(300)))
                        for try await _ in stream { break }
                    }
                    let refused = error.map { $0.reason.map(refusalReasons.contains) ?? false } ?? false
                    #expect(
                        refused == !mayCall(caller, rule),
                        "\(route.descriptor) by \(caller): \(error.map(String.init(describing:)) ?? "OK")")
                }
            }
            for client in callers.values { await client.close() }
        }
    }

    @Test(
        "a caller allowed a method sees the client's objects exactly when the client is in their scope",
        arguments: TestTransport.allCases)
    func scope(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let callers = try await Self.prepareCallers(daemon, transport: transport)
            let admin = daemon.operatorClient()
            let client = "OIP-00000002"
            let headOffice = try #require(try await admin.sites.list(companyReference: client).first).id
            let user = try await daemon.createActiveUser(company: client)
            let custom = try await admin.rights.create(companyReference: client, name: "Sonde", templates: ["company_view"])
            try await admin.rights.setUserRights(login: user, rightIDs: [custom.id])
            let quote = try await admin.quotes.create(companyReference: client).id
            // Each probe reads one object of the client and says whether the caller saw it: a
            // tenant outside the scope gets NOT_FOUND or an empty list, never the data.
            let probes: [(MethodDescriptor, (MyOpenIPClient) async throws -> Bool)] = [
                (CompanyService.getCompany, { try await $0.companies.get(reference: client).reference == client }),
                (CompanyService.listCompanies, { try await $0.companies.list().companies.contains { $0.reference == client } }),
                (SiteService.listSites, { !(try await $0.sites.list(companyReference: client).isEmpty) }),
                (SiteService.getSite, { try await $0.sites.get(id: headOffice).id == headOffice }),
                (
                    ContactService.listContacts,
                    {
                        _ = try await $0.contacts.list(companyReference: client)
                        return true
                    }
                ),
                (RightsService.listRights, { !(try await $0.rights.list(companyReference: client).isEmpty) }),
                (RightsService.getRight, { try await $0.rights.get(id: custom.id).id == custom.id }),
                (RightsService.listUserRights, { try await $0.rights.held(by: user).map(\.id) == [custom.id] }),
                (
                    IdentityService.listAccounts,
                    { try await $0.identity.listAccounts(holdingRight: custom.id).accounts.map(\.login) == [user] }
                ),
                (IdentityService.getAccount, { try await $0.identity.account(login: user).login == user }),
                (
                    IdentityService.listAccounts,
                    { !(try await $0.identity.listAccounts(companyReference: client).accounts.isEmpty) }
                ),
                (AuditService.listAuditEvents, { !(try await $0.audit.list(companyReference: client).events.isEmpty) }),
                (QuoteService.getQuote, { try await $0.quotes.get(id: quote).id == quote }),
                (QuoteService.listQuotes, { try await $0.quotes.list().quotes.contains { $0.id == quote } }),
            ]
            for (descriptor, probe) in probes {
                let rule = try #require(daemon.daemon.accessPolicy.rule(for: descriptor))
                for caller in Caller.allCases where mayCall(caller, rule) {
                    let connection = try #require(callers[caller])
                    var saw = false
                    let error = await rpcError { saw = try await probe(connection) }
                    #expect(error == nil || error?.code == .notFound, "\(descriptor) by \(caller): \(String(describing: error))")
                    #expect(saw == seesTheClient(caller), "\(descriptor) by \(caller)")
                }
            }
            for connection in callers.values { await connection.close() }
            await admin.close()
        }
    }

    @Test(
        "escalation: nobody but operator staff gives a permission they lack, and nobody changes their own rights",
        arguments: TestTransport.allCases)
    func escalation(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let callers = try await Self.prepareCallers(daemon, transport: transport)
            let admin = daemon.operatorClient()
            let main = try await admin.rights.templates().mainRights
            let administrator = try #require(main.first { $0.main == "administrator" }).id
            let setRule = try #require(daemon.daemon.accessPolicy.rule(for: RightsService.setUserRights))
            for caller in Caller.allCases where mayCall(caller, setRule) && caller != .termsNotAccepted {
                let connection = try #require(callers[caller])
                let isOperator = caller == .operatorProcess || caller == .operatorStaff
                // Their own rights: refused to everyone who has some (operator staff hold none).
                if !isOperator {
                    let me = try await connection.identity.whoAmI().account.login
                    let own = await rpcError { try await connection.rights.setUserRights(login: me, rightIDs: [administrator]) }
                    #expect(
                        own?.code == .failedPrecondition && own?.reason == "OWN_RIGHTS", "\(caller): \(String(describing: own))")
                }
                // "Administrateur tout Univers" for a user of the client: only for those who hold every permission.
                let target = try await daemon.createActiveUser(company: "OIP-00000002")
                let given = await rpcError { try await connection.rights.setUserRights(login: target, rightIDs: [administrator]) }
                let holdsEverything = isOperator || caller == .administrator || caller == .partnerAdministrator
                if holdsEverything {
                    #expect(given == nil, "\(caller): \(String(describing: given))")
                } else if seesTheClient(caller) {
                    #expect(given?.code == .permissionDenied && given?.reason == "PERMISSION_NOT_HELD", "\(caller)")
                } else {
                    #expect(given?.code == .notFound, "\(caller)")
                }
            }
            for connection in callers.values { await connection.close() }
            await admin.close()
        }
    }

    /// Companies (a partner, its client, another client, another partner), one account per kind of caller, each
    /// logged in over `transport` and having accepted the terms (but one).
    static fileprivate func prepareCallers(_ daemon: TestDaemon, transport: TestTransport) async throws -> [Caller:
        MyOpenIPClient]
    {
        let admin = daemon.operatorClient()
        try await daemon.publishTerms()
        for (kind, name, siren, partner) in [
            (Myopenip_V1_CompanyKind.partner, "Partenaire", "443061841", ""), (.client, "Client", "552081317", "OIP-00000001"),
            (.client, "Autre", "732829320", ""), (.partner, "Autre partenaire", testSiren(4), ""),
        ] {
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = kind
            request.name = name
            request.siren = siren
            request.legalStatus = "SAS"
            request.partnerReference = partner
            _ = try await admin.companies.create(request)
        }
        let main = try await admin.rights.templates().mainRights
        let administrator = try #require(main.first { $0.main == "administrator" }).id
        let universe = try #require(main.first { $0.main == "client_universe" }).id

        var callers: [Caller: MyOpenIPClient] = [
            .anonymous: MyOpenIPClient(target: .tcp(host: "127.0.0.1", port: daemon.tcpPort)),
            .operatorProcess: MyOpenIPClient(target: .unix(path: daemon.socketPath)),
        ]
        for caller in Caller.allCases where callers[caller] == nil {
            let (kind, company): (Myopenip_V1_AccountKind, String) =
                switch caller {
                case .operatorStaff: (.operatorStaff, "")
                case .partnerAdministrator: (.partnerUser, "OIP-00000001")
                case .otherPartnerAdministrator: (.partnerUser, "OIP-00000004")
                case .otherCompanyAdministrator: (.clientUser, "OIP-00000003")
                default: (.clientUser, "OIP-00000002")
                }
            let login = try await daemon.createActiveUser(kind: kind, company: company)
            var rights: [Int64] = []
            switch caller {
            case .administrator, .partnerAdministrator, .otherPartnerAdministrator, .otherCompanyAdministrator, .termsNotAccepted:
                rights = [administrator]
            case .clientUniverse: rights = [universe]
            default:
                if let template = caller.template {
                    rights = [
                        try await admin.rights.create(companyReference: company, name: caller.rawValue, templates: [template]).id
                    ]
                }
            }
            if !rights.isEmpty { try await admin.rights.setUserRights(login: login, rightIDs: rights) }
            let client = try await daemon.loggedIn(login, over: transport)
            if caller != .termsNotAccepted { try await client.terms.accept(version: 1) }
            callers[caller] = client
        }
        await admin.close()
        return callers
    }
}
