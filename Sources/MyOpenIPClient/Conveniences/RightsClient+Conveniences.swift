import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.RightsService`.
extension RightsClient {
    /// The five templates and the two main rights.
    public func templates(options: CallOptions = .default) async throws -> Myopenip_V1_ListRightTemplatesResponse {
        try await listRightTemplates(Myopenip_V1_ListRightTemplatesRequest(), options: options)
    }

    /// The main rights and the custom rights of a company.
    public func list(companyReference: String, options: CallOptions = .default) async throws -> [Myopenip_V1_AccessRight] {
        var request = Myopenip_V1_ListRightsRequest()
        request.companyReference = companyReference
        let response = try await listRights(request, options: options)
        return response.rights
    }

    /// One right: a main right, or a custom right of a company of the caller's scope.
    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_AccessRight {
        var request = Myopenip_V1_GetRightRequest()
        request.id = id
        return try await getRight(request, options: options)
    }

    /// The rights a user holds.
    public func held(by login: String, options: CallOptions = .default) async throws -> [Myopenip_V1_AccessRight] {
        var request = Myopenip_V1_ListUserRightsRequest()
        request.login = login
        return try await listUserRights(request, options: options).rights
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
        return try await createRight(request, options: options)
    }

    /// Changes the fields of a custom right that are given (nil leaves a field as it is); its
    /// holders' rights change with it.
    public func update(
        id: Int64, name: String? = nil, site: String? = nil, role: String? = nil, templates: [String]? = nil,
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_AccessRight {
        var request = Myopenip_V1_UpdateRightRequest()
        request.id = id
        if let name {
            request.name = name
            request.updateMask.paths.append("name")
        }
        if let site {
            request.site = site
            request.updateMask.paths.append("site")
        }
        if let role {
            request.role = role
            request.updateMask.paths.append("role")
        }
        if let templates {
            request.templates = templates
            request.updateMask.paths.append("templates")
        }
        return try await updateRight(request, options: options)
    }

    /// Deletes a custom right; returns the logins of the users who held it.
    @discardableResult
    public func delete(id: Int64, options: CallOptions = .default) async throws -> [String] {
        var request = Myopenip_V1_DeleteRightRequest()
        request.id = id
        return try await deleteRight(request, options: options).formerHolders
    }

    /// Replaces the rights of a user; returns the rights the user now holds.
    @discardableResult
    public func setUserRights(login: String, rightIDs: [Int64], options: CallOptions = .default) async throws
        -> [Myopenip_V1_AccessRight]
    {
        var request = Myopenip_V1_SetUserRightsRequest()
        request.login = login
        request.rightIds = rightIDs
        let response = try await setUserRights(request, options: options)
        return response.rights
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.RightsService`.
    public var rights: RightsClient { RightsClient(client: self) }
}
