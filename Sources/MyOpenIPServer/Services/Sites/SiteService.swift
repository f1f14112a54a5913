import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.SiteService`: the sites of the companies of the caller's scope.
public struct SiteService: SiteServiceProtocol {
    let sites: any SiteRepository
    let time: any TimeSource

    public init(sites: any SiteRepository, time: any TimeSource = SystemTimeSource()) {
        self.sites = sites
        self.time = time
    }

    public func listSites(_ request: Myopenip_V1_ListSitesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListSitesResponse
    {
        var response = Myopenip_V1_ListSitesResponse()
        response.sites = try await self.sites.sites(
            of: try CompanyReference(request.companyReference), in: context.principal.companyScope
        ).map(Myopenip_V1_Site.init)
        return response
    }

    public func getSite(_ request: Myopenip_V1_GetSiteRequest, context: ServerContext) async throws -> Myopenip_V1_Site {
        guard let site = try await self.sites.site(request.id, in: context.principal.companyScope) else {
            throw SiteViolation.unknownSite
        }
        return Myopenip_V1_Site(site)
    }

    public func createSite(_ request: Myopenip_V1_CreateSiteRequest, context: ServerContext) async throws -> Myopenip_V1_Site {
        let company = try CompanyReference(request.companyReference)
        let draft = try SiteDraft.checked(request.fields)
        return try await context.answering(Myopenip_V1_Site.init) {
            try await self.sites.createSite(
                draft, company: company, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
        }
    }

    public func updateSite(_ request: Myopenip_V1_UpdateSiteRequest, context: ServerContext) async throws -> Myopenip_V1_Site {
        let paths = try request.updateMask.checkedPaths(SiteDraft.updatablePaths)
        return try await context.answering(Myopenip_V1_Site.init) {
            try await sites.updateSite(
                request.id, in: context.principal.companyScope, context: context.audit, at: time.timestamp()
            ) { site in
                site = try site.updating(paths, from: request.fields)
            }
        }
    }

    public func deleteSite(_ request: Myopenip_V1_DeleteSiteRequest, context: ServerContext) async throws
        -> Myopenip_V1_DeleteSiteResponse
    {
        try await context.answering {
            Myopenip_V1_DeleteSiteResponse()
        } write: {
            try await self.sites.deleteSite(
                request.id, in: context.principal.companyScope, context: context.audit, at: self.time.timestamp())
        }
    }
}
