import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.AuditService`.
extension AuditClient {
    /// One page of audit events, newest first, of one account, one company and/or one action if given.
    public func list(
        accountLogin: String = "", action: String = "", companyReference: String = "", pageSize: UInt32 = 0,
        pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListAuditEventsResponse {
        var request = Myopenip_V1_ListAuditEventsRequest()
        request.companyReference = companyReference
        request.accountLogin = accountLogin
        request.action = action
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listAuditEvents(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.AuditService`.
    public var audit: AuditClient { AuditClient(client: self) }
}
