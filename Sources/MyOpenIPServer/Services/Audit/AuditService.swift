import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.AuditService`: the audit trail, for operator staff.
public struct AuditService: AuditServiceProtocol {
    let environment: IdentityEnvironment
    /// The actions the daemon's domains record; a filter on another one is refused rather than
    /// answered with an empty list that would hide the typo. Empty: any filter is taken.
    let knownActions: Set<AuditAction>

    public init(environment: IdentityEnvironment, knownActions: Set<AuditAction> = []) {
        self.environment = environment
        self.knownActions = knownActions
    }

    /// Operator staff read everything; a company's administrators, the events of their scope.
    public func listAuditEvents(
        _ request: Myopenip_V1_ListAuditEventsRequest, context: ServerContext
    ) async throws -> Myopenip_V1_ListAuditEventsResponse {
        let scope = context.principal.companyScope
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        if !request.action.isEmpty, !knownActions.isEmpty, !knownActions.contains(AuditAction(rawValue: request.action)) {
            throw RPCError(
                .invalidArgument,
                "unknown audit action \(request.action); known actions: \(knownActions.sorted().map(\.rawValue).joined(separator: ", "))",
                reason: "AUDIT_ACTION_UNKNOWN", field: "action")
        }
        var filter = AuditFilter(action: request.action.isEmpty ? nil : request.action, scope: scope)
        if !request.accountLogin.isEmpty {
            filter.accountLogin = try AccountLogin.required(request.accountLogin)
        }
        if !request.companyReference.isEmpty {
            let company = try CompanyReference(request.companyReference)
            // Another tenant's company does not exist for the caller: NOT_FOUND, not an empty list.
            guard try await environment.companies.company(company, in: scope) != nil else {
                throw CompanyViolation.unknownCompany
            }
            filter.companyReference = company
        }
        let result = try await environment.audit.events(filter, page: page)
        var response = Myopenip_V1_ListAuditEventsResponse()
        response.events = result.items.map { record in
            var event = Myopenip_V1_AuditEvent()
            event.id = record.id
            event.occurredAt = Google_Protobuf_Timestamp(record.occurredAt)
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
