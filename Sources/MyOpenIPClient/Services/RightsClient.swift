import MyOpenIPProto
import MyOpenIPRPC

/// The typed facade of `myopenip.v1.RightsService`.
public struct RightsClient: Sendable {
    static func method(_ name: String) -> MethodDescriptor {
        MethodDescriptor(service: "myopenip.v1.RightsService", method: name)
    }

    let client: MyOpenIPClient

    /// The five templates and the two main rights.
    public func templates(options: CallOptions = .default) async throws -> Myopenip_V1_ListRightTemplatesResponse {
        try await client.unary(Self.method("ListRightTemplates"), request: Myopenip_V1_ListRightTemplatesRequest(), options: options)
    }

    /// The main rights and the custom rights of a company.
    public func list(companyReference: String, options: CallOptions = .default) async throws -> [Myopenip_V1_AccessRight] {
        var request = Myopenip_V1_ListRightsRequest()
        request.companyReference = companyReference
        let response: Myopenip_V1_ListRightsResponse = try await client.unary(Self.method("ListRights"), request: request, options: options)
        return response.rights
    }

    /// Creates a custom right of a company from templates (e.g. `company_view`, `billing_view`).
    public func create(
        companyReference: String, name: String, site: String = "", role: String = "", templates: [String],
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_AccessRight {
        var request = Myopenip_V1_CreateRightRequest()
        request.companyReference = companyReference
        request.name = name
        request.site = site
        request.role = role
        request.templates = templates
        return try await client.unary(Self.method("CreateRight"), request: request, options: options)
    }

    /// Replaces the rights of a user; returns the rights the user now holds.
    @discardableResult
    public func setUserRights(login: String, rightIDs: [Int64], options: CallOptions = .default) async throws -> [Myopenip_V1_AccessRight] {
        var request = Myopenip_V1_SetUserRightsRequest()
        request.login = login
        request.rightIds = rightIDs
        let response: Myopenip_V1_SetUserRightsResponse = try await client.unary(
            Self.method("SetUserRights"), request: request, options: options)
        return response.rights
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.RightsService`.
    public var rights: RightsClient { RightsClient(client: self) }
}
