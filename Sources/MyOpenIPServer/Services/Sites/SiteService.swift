import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.SiteService`: the sites of the companies of the caller's scope.
public struct SiteService: RPCService {
    public static let serviceName = "myopenip.v1.SiteService"
    public static let listSites = MethodDescriptor(service: serviceName, method: "ListSites")
    public static let getSite = MethodDescriptor(service: serviceName, method: "GetSite")
    public static let createSite = MethodDescriptor(service: serviceName, method: "CreateSite")
    public static let updateSite = MethodDescriptor(service: serviceName, method: "UpdateSite")
    public static let deleteSite = MethodDescriptor(service: serviceName, method: "DeleteSite")

    public static let accessRules: [MethodDescriptor: AccessRule] = [
        listSites: .permission(.companyRead), getSite: .permission(.companyRead),
        createSite: .permission(.companyWrite), updateSite: .permission(.companyWrite), deleteSite: .permission(.companyWrite),
    ]

    /// The writes a retry with the same idempotency key does not run twice (see ``IdempotencyPolicy``).
    public static let idempotentWrites: Set<MethodDescriptor> = [createSite, updateSite, deleteSite]

    let sites: any SiteRepository
    let time: any TimeSource

    public init(sites: any SiteRepository, time: any TimeSource = SystemTimeSource()) {
        self.sites = sites
        self.time = time
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listSites) { (request: Myopenip_V1_ListSitesRequest, context) in
            var response = Myopenip_V1_ListSitesResponse()
            response.sites = try await self.sites.sites(
                of: try CompanyReference(request.companyReference), in: context.principal.companyScope
            ).map(Myopenip_V1_Site.init)
            return response
        }
        router.registerUnary(Self.getSite) { (request: Myopenip_V1_GetSiteRequest, context) in
            guard let site = try await self.sites.site(request.id, in: context.principal.companyScope) else { throw SiteViolation.unknownSite }
            return Myopenip_V1_Site(site)
        }
        router.registerUnary(Self.createSite) { (request: Myopenip_V1_CreateSiteRequest, context) in
            let company = try CompanyReference(request.companyReference)
            let draft = try SiteDraft.checked(request.fields)
            return Myopenip_V1_Site(try await self.sites.createSite(
                draft, company: company, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp()))
        }
        router.registerUnary(Self.updateSite) { (request: Myopenip_V1_UpdateSiteRequest, context) in
            let draft = try SiteDraft.checked(request.fields)
            return Myopenip_V1_Site(try await self.sites.updateSite(
                request.id, to: draft, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp()))
        }
        router.registerUnary(Self.deleteSite) { (request: Myopenip_V1_DeleteSiteRequest, context) in
            try await self.sites.deleteSite(request.id, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
            return Myopenip_V1_DeleteSiteResponse()
        }
    }
}
