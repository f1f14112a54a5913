import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.SiteService`.
extension SiteClient {
    /// The sites of a company, the head office first.
    public func list(companyReference: String, options: CallOptions = .default) async throws -> [Myopenip_V1_Site] {
        var request = Myopenip_V1_ListSitesRequest()
        request.companyReference = companyReference
        let response = try await listSites(request, options: options)
        return response.sites
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Site {
        var request = Myopenip_V1_GetSiteRequest()
        request.id = id
        return try await getSite(request, options: options)
    }

    public func create(companyReference: String, fields: Myopenip_V1_SiteFields, options: CallOptions = .default) async throws
        -> Myopenip_V1_Site
    {
        var request = Myopenip_V1_CreateSiteRequest()
        request.companyReference = companyReference
        request.fields = fields
        return try await createSite(request, options: options)
    }

    /// Every field of a site, as update_mask paths.
    public static let allSitePaths = [
        "name", "address", "phone", "opening_hours", "payment",
    ]

    /// Changes the fields of a site named in `paths` (update_mask paths such as `phone` or
    /// `address.city`; all of them by default), leaving the others as they are.
    public func update(
        id: Int64, fields: Myopenip_V1_SiteFields, paths: [String] = SiteClient.allSitePaths, options: CallOptions = .default
    ) async throws -> Myopenip_V1_Site {
        var request = Myopenip_V1_UpdateSiteRequest()
        request.id = id
        request.fields = fields
        request.updateMask.paths = paths
        return try await updateSite(request, options: options)
    }

    public func delete(id: Int64, options: CallOptions = .default) async throws {
        var request = Myopenip_V1_DeleteSiteRequest()
        request.id = id
        let _ = try await deleteSite(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.SiteService`.
    public var sites: SiteClient { SiteClient(client: self) }
}
