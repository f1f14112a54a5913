import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.RightsService`: custom rights and who holds which right, within the caller's scope.
public struct RightsService: RPCService {
    public static let serviceName = "myopenip.v1.RightsService"
    public static let listRightTemplates = MethodDescriptor(service: serviceName, method: "ListRightTemplates")
    public static let listRights = MethodDescriptor(service: serviceName, method: "ListRights")
    public static let createRight = MethodDescriptor(service: serviceName, method: "CreateRight")
    public static let setUserRights = MethodDescriptor(service: serviceName, method: "SetUserRights")

    public static let accessRules: [MethodDescriptor: AccessRule] = [
        listRightTemplates: .signedIn, listRights: .permission(.companyRead),
        createRight: .permission(.usersManage), setUserRights: .permission(.usersManage),
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [createRight, setUserRights]

    let rights: any RightsRepository
    let companies: any CompanyRepository
    let accounts: any IdentityRepository
    let time: any TimeSource

    public init(
        rights: any RightsRepository, companies: any CompanyRepository, accounts: any IdentityRepository,
        time: any TimeSource = SystemTimeSource()
    ) {
        self.rights = rights
        self.companies = companies
        self.accounts = accounts
        self.time = time
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listRightTemplates) { (_: Myopenip_V1_ListRightTemplatesRequest, _) in
            var response = Myopenip_V1_ListRightTemplatesResponse()
            response.templates = RightTemplate.allCases.map { template in
                var proto = Myopenip_V1_RightTemplate()
                proto.name = template.rawValue
                proto.label = template.label
                proto.permissions = template.permissions.sorted().map(\.rawValue)
                return proto
            }
            response.mainRights = try await self.rights.mainRights().map(Myopenip_V1_AccessRight.init)
            return response
        }
        router.registerUnary(Self.listRights) { (request: Myopenip_V1_ListRightsRequest, context) in
            var response = Myopenip_V1_ListRightsResponse()
            response.rights = try await self.rights.rights(
                of: try CompanyReference(request.companyReference), in: context.principal.companyScope
            ).map(Myopenip_V1_AccessRight.init)
            return response
        }
        router.registerUnary(Self.createRight) { (request: Myopenip_V1_CreateRightRequest, context) in
            let company = try CompanyReference(request.companyReference)
            let draft = try RightDraft(name: request.name, site: request.site, role: request.role, templates: request.templates)
            let right = try await self.rights.create(
                draft, company: company, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
            return Myopenip_V1_AccessRight(right)
        }
        router.registerUnary(Self.setUserRights) { (request: Myopenip_V1_SetUserRightsRequest, context) in
            try await self.setUserRights(request, context: context)
        }
    }

    func setUserRights(_ request: Myopenip_V1_SetUserRightsRequest, context: ServerContext) async throws -> Myopenip_V1_SetUserRightsResponse {
        guard let account = try await accounts.account(login: try AccountLogin.required(request.login)),
              account.companyReference != nil
        else { throw IdentityMessages.accountUnknown }
        try await companies.requireVisible(account, to: context.principal)
        let held = try await rights.setRights(
            Set(request.rightIds), ofAccount: account.id, context: context.audit, at: time.timestamp())
        var response = Myopenip_V1_SetUserRightsResponse()
        response.rights = held.map(Myopenip_V1_AccessRight.init)
        return response
    }
}

extension Myopenip_V1_AccessRight {
    init(_ record: RightRecord) {
        self.init()
        id = record.id
        name = record.name
        main = record.main?.rawValue ?? ""
        companyReference = record.companyReference ?? ""
        site = record.site
        role = record.role
        templates = record.templates.map(\.rawValue)
        permissions = record.permissions.sorted().map(\.rawValue)
    }
}
