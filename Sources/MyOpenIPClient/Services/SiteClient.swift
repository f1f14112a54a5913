import MyOpenIPProto
import MyOpenIPRPC

/// The typed facade of `myopenip.v1.SiteService`.
public struct SiteClient: Sendable {
    static func method(_ name: String) -> MethodDescriptor {
        MethodDescriptor(service: "myopenip.v1.SiteService", method: name)
    }

    let client: MyOpenIPClient

    /// The sites of a company, the head office first.
    public func list(companyReference: String, options: CallOptions = .default) async throws -> [Myopenip_V1_Site] {
        var request = Myopenip_V1_ListSitesRequest()
        request.companyReference = companyReference
        let response: Myopenip_V1_ListSitesResponse = try await client.unary(Self.method("ListSites"), request: request, options: options)
        return response.sites
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Site {
        var request = Myopenip_V1_GetSiteRequest()
        request.id = id
        return try await client.unary(Self.method("GetSite"), request: request, options: options)
    }

    public func create(companyReference: String, fields: Myopenip_V1_SiteFields, options: CallOptions = .default) async throws -> Myopenip_V1_Site {
        var request = Myopenip_V1_CreateSiteRequest()
        request.companyReference = companyReference
        request.fields = fields
        return try await client.unary(Self.method("CreateSite"), request: request, options: options)
    }

    /// Replaces every field of a site.
    public func update(id: Int64, fields: Myopenip_V1_SiteFields, options: CallOptions = .default) async throws -> Myopenip_V1_Site {
        var request = Myopenip_V1_UpdateSiteRequest()
        request.id = id
        request.fields = fields
        return try await client.unary(Self.method("UpdateSite"), request: request, options: options)
    }

    public func delete(id: Int64, options: CallOptions = .default) async throws {
        var request = Myopenip_V1_DeleteSiteRequest()
        request.id = id
        let _: Myopenip_V1_DeleteSiteResponse = try await client.unary(Self.method("DeleteSite"), request: request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.SiteService`.
    public var sites: SiteClient { SiteClient(client: self) }
}
