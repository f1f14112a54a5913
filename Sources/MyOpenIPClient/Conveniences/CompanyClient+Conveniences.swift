import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.CompanyService`.
extension CompanyClient {
    /// Operator staff: creates a company; the request's empty fields take their defaults.
    public func create(_ request: Myopenip_V1_CreateCompanyRequest, options: CallOptions = .default) async throws
        -> Myopenip_V1_Company
    {
        try await createCompany(request, options: options)
    }

    /// One page of the companies the caller may see, by reference or by name.
    public func list(
        kind: Myopenip_V1_CompanyKind = .unspecified, state: Myopenip_V1_CompanyState = .unspecified,
        partnerReference: String = "", query: String = "", orderBy: Myopenip_V1_CompanyOrder = .unspecified,
        pageSize: UInt32 = 0, pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListCompaniesResponse {
        var request = Myopenip_V1_ListCompaniesRequest()
        request.orderBy = orderBy
        request.kind = kind
        request.state = state
        request.partnerReference = partnerReference
        request.query = query
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listCompanies(request, options: options)
    }

    /// One company; NOT_FOUND when it does not exist or the caller may not see it.
    public func get(reference: String, options: CallOptions = .default) async throws -> Myopenip_V1_Company {
        var request = Myopenip_V1_GetCompanyRequest()
        request.reference = reference
        return try await getCompany(request, options: options)
    }

    /// Operator staff: sets the fields named in `fields` to their values in `company`.
    public func update(
        reference: String, company: Myopenip_V1_Company, fields: [String], options: CallOptions = .default
    ) async throws -> Myopenip_V1_Company {
        var request = Myopenip_V1_UpdateCompanyRequest()
        request.reference = reference
        request.company = company
        request.updateMask.paths = fields
        return try await updateCompany(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.CompanyService`.
    public var companies: CompanyClient { CompanyClient(client: self) }
}
