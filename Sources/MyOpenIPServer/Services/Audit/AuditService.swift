import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.AuditService`: the audit trail, for operator staff.
public struct AuditService: RPCService {
    public static let serviceName = "myopenip.v1.AuditService"
    public static let listAuditEvents = MethodDescriptor(service: serviceName, method: "ListAuditEvents")

    /// Operator staff read everything; a company's administrators, the events of their scope.
    public static let accessRules: [MethodDescriptor: AccessRule] = [listAuditEvents: .permission(.auditRead)]

    let environment: IdentityEnvironment

    public init(environment: IdentityEnvironment) {
        self.environment = environment
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listAuditEvents) { (request: Myopenip_V1_ListAuditEventsRequest, context) in
            try await self.list(request, scope: context.principal.companyScope)
        }
    }

    func list(_ request: Myopenip_V1_ListAuditEventsRequest, scope: CompanyScope) async throws -> Myopenip_V1_ListAuditEventsResponse {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = AuditFilter(action: request.action.isEmpty ? nil : request.action, scope: scope)
        if !request.accountLogin.isEmpty {
            filter.accountLogin = try AccountLogin.required(request.accountLogin)
        }
        if !request.companyReference.isEmpty {
            filter.companyReference = try CompanyReference(request.companyReference)
        }
        let result = try await environment.audit.events(filter, page: page)
        var response = Myopenip_V1_ListAuditEventsResponse()
        response.events = result.items.map { record in
            var event = Myopenip_V1_AuditEvent()
            event.id = record.id
            event.occurredAt = record.occurredAt.iso8601
            event.actor = record.actor
            event.action = record.action
            event.accountLogin = record.accountLogin ?? ""
            event.companyReference = record.companyReference ?? ""
            event.details = record.details
            event.requestID = record.requestID ?? ""
            return event
        }
        response.nextPageToken = result.nextPageToken
        return response
    }
}
