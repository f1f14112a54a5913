import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.RightsService`: custom rights and who holds which right, within the caller's scope.
public struct RightsService: RightsServiceProtocol {
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

    public func listRightTemplates(_ request: Myopenip_V1_ListRightTemplatesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListRightTemplatesResponse
    {
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

    public func listRights(_ request: Myopenip_V1_ListRightsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListRightsResponse
    {
        var response = Myopenip_V1_ListRightsResponse()
        response.rights = try await self.rights.rights(
            of: try CompanyReference(request.companyReference), in: context.principal.companyScope
        ).map(Myopenip_V1_AccessRight.init)
        return response
    }

    public func getRight(_ request: Myopenip_V1_GetRightRequest, context: ServerContext) async throws
        -> Myopenip_V1_AccessRight
    {
        guard let right = try await rights.right(request.id, in: context.principal.companyScope) else {
            throw RightsViolation.unknownCustomRight
        }
        return Myopenip_V1_AccessRight(right)
    }

    public func listUserRights(_ request: Myopenip_V1_ListUserRightsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListRightsResponse
    {
        guard let account = try await accounts.account(login: try AccountLogin.required(request.login)) else {
            throw IdentityMessages.accountUnknown
        }
        try await companies.requireVisible(account, to: context.principal)
        var response = Myopenip_V1_ListRightsResponse()
        response.rights = try await rights.rights(ofAccount: account.id).map(Myopenip_V1_AccessRight.init)
        return response
    }

    public func createRight(_ request: Myopenip_V1_CreateRightRequest, context: ServerContext) async throws
        -> Myopenip_V1_AccessRight
    {
        let company = try CompanyReference(request.companyReference)
        let draft = try RightDraft(name: request.name, site: request.site, role: request.role, templates: request.templates)
        try context.principal.requireHolds(draft.permissions)
        return try await context.answering(Myopenip_V1_AccessRight.init) {
            try await self.rights.create(
                draft, company: company, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
        }
    }

    public func setUserRights(_ request: Myopenip_V1_SetUserRightsRequest, context: ServerContext) async throws
        -> Myopenip_V1_SetUserRightsResponse
    {
        guard let account = try await accounts.account(login: try AccountLogin.required(request.login)),
            account.companyReference != nil
        else { throw IdentityMessages.accountUnknown }
        let principal = context.principal
        try await companies.requireVisible(account, to: principal)
        try principal.requireNotAmong([account.id])
        return try await context.answering(
            { (held: [RightRecord]) in
                var response = Myopenip_V1_SetUserRightsResponse()
                response.rights = held.map(Myopenip_V1_AccessRight.init)
                return response
            },
            write: {
                try await rights.setRights(
                    Set(request.rightIds), ofAccount: account.id, context: context.audit, at: time.timestamp()
                ) { held, given in
                    // What the account gains or loses: nobody but operator staff gives or takes away a
                    // permission they do not hold.
                    try principal.requireHolds(held.permissions.symmetricDifference(given.permissions))
                }
            })
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
